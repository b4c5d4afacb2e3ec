import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { configFileNames, findConfigFiles } from '../engine';
import { writeFileAtomic } from '../engine/ignore';

// Editor actions that change the newsroom's settings write them to the config file, not to
// editor settings, so that every editor and the CLI see the same thing. The nearest config
// file is edited in place (comments kept); without one, a new file goes in the workspace folder.

export function configFileFor(draftPath: string, workspaceRoot: string | undefined): string {
	const nearest = findConfigFiles(dirname(draftPath))[0];
	if (nearest) return nearest;
	return join(workspaceRoot ?? dirname(draftPath), configFileNames[0]);
}

function editConfig(file: string, edit: (doc: ReturnType<typeof parseDocument>) => boolean): boolean {
	const text = existsSync(file) ? readFileSync(file, 'utf8') : '# newsproof 配置\n';
	const doc = parseDocument(text);
	if (doc.errors.length) {
		throw new Error(`${file}: YAML 格式错误，未写入：${doc.errors[0].message.split('\n')[0]}`);
	}
	if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as never;
	const changed = edit(doc);
	if (changed) writeFileAtomic(file, doc.toString({ lineWidth: 0 }));
	return changed;
}

/** Sets `rules: { <id>: off }`. Returns false when the rule was already off. */
export function disableRuleInConfig(file: string, ruleId: string): boolean {
	return editConfig(file, (doc) => {
		let rules = doc.get('rules');
		if (!isMap(rules)) {
			rules = new YAMLMap();
			doc.set('rules', rules);
		}
		const map = rules as YAMLMap;
		if (map.get(ruleId) === 'off') return false;
		map.set(ruleId, 'off');
		return true;
	});
}

/** Appends a word to `words:`. Returns false when it is already there. */
export function addWordToConfig(file: string, word: string): boolean {
	return editConfig(file, (doc) => {
		let words = doc.get('words');
		if (!isSeq(words)) {
			words = new YAMLSeq();
			doc.set('words', words);
		}
		const seq = words as YAMLSeq;
		if (seq.items.some((i) => String((i as { value?: unknown }).value ?? i) === word)) return false;
		seq.add(doc.createNode(word));
		return true;
	});
}
