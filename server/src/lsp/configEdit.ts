import { lstatSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isMap, isSeq, parseDocument, YAMLMap, YAMLSeq } from 'yaml';
import { chineseYamlMessage, configFileNames, DataFileError, findConfigFiles, type IgnoreEntry, ignoreFilePath, readDataFile, within } from '../engine';
import { writeFileAtomic } from '../io/atomicWrite.mjs';

// Files the editor writes when the user asks: the config file (disable a rule, add a word)
// and the ignore list (ignore one occurrence). Each is edited in place with its comments
// kept, or created; every write is atomic. The nearest config file is the one edited; without
// one, a new file goes in the workspace folder.

/**
 * The config file an editor action writes for a draft: the nearest one at or below the
 * workspace folder holding it (`root`), else a new one in that folder. A config above the
 * workspace folder is never written: it may belong to another project, or to no one.
 */
export function configFileFor(draftPath: string, root: string): string {
	const nearest = findConfigFiles(dirname(draftPath))[0];
	if (nearest && within(root, nearest)) return nearest;
	return join(root, configFileNames[0]);
}

export { within };

/** Refuses to write through a symbolic link anywhere between the workspace folder and the file. */
export function refuseLinks(root: string, file: string): void {
	for (let p = file; within(root, p) && p !== root; p = dirname(p)) {
		let link = false;
		try {
			link = lstatSync(p).isSymbolicLink();
		} catch {
			// Not there yet: it will be made as a plain file or folder.
		}
		if (link) throw new Error(`${p} 是符号链接，为免写到工作区以外，未写入`);
	}
}

function editYaml(file: string, fresh: string, edit: (doc: ReturnType<typeof parseDocument>) => boolean): boolean {
	let text = fresh;
	try {
		text = readDataFile(file);
	} catch (err) {
		// A device or FIFO in its place is never read nor written.
		if (!(err instanceof DataFileError && err.kind === 'missing')) throw new Error(`${file} ${(err as Error).message}，未写入`);
	}
	// Duplicate keys are not looked for: the parser's check is quadratic in a map's size.
	const doc = parseDocument(text, { uniqueKeys: false });
	if (doc.errors.length) {
		throw new Error(`${file}: YAML 格式错误，未写入：${chineseYamlMessage(doc.errors[0])}`);
	}
	if (!isMap(doc.contents)) doc.contents = doc.createNode({}) as never;
	const changed = edit(doc);
	if (changed) writeFileAtomic(file, doc.toString({ lineWidth: 0 }));
	return changed;
}

/** Sets `rules: { <id>: off }`. Returns false when the rule was already off. */
export function disableRuleInConfig(file: string, ruleId: string): boolean {
	return editYaml(file, '# newsproof 配置\n', (doc) => {
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
	return editYaml(file, '# newsproof 配置\n', (doc) => {
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

const ignoreHeader =
	'# newsproof 忽略清单：编辑确认无误、不再提示的具体位置。\n# 每条按规则编号、被标出的文字及其前后几个字定位，文稿其他地方改动后仍然有效。\n';

/** Adds an entry to `<root>/.newsproof/ignore.yaml` (created if needed); returns the file. */
export function addIgnoreEntry(root: string, entry: IgnoreEntry): string {
	const file = ignoreFilePath(root);
	editYaml(file, ignoreHeader, (doc) => {
		let list = doc.get('ignore');
		if (!isSeq(list)) {
			list = new YAMLSeq();
			doc.set('ignore', list);
		}
		const seq = list as YAMLSeq;
		if (seq.items.some((i) => isMap(i) && JSON.stringify(i.toJSON()) === JSON.stringify(entry))) return false;
		seq.add(doc.createNode({ ...entry }));
		return true;
	});
	return file;
}
