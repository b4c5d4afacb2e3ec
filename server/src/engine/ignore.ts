import { readFileSync } from 'node:fs';
import { fileExists, fileStampOf, frozenAnswer } from './fileStamp';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { ConfigProblem, Finding } from './types';

// Occurrences a desk has decided to leave as they are ("ignore this occurrence") live in
// .newsproof/ignore.yaml beside the drafts, never in the draft itself. An entry is keyed by
// rule id, the flagged text and a few characters either side of it, not by line or offset,
// so that it keeps matching after edits elsewhere in the file. The server and the CLI both
// filter their findings through this file.

export const ignoreDirName = '.newsproof';
export const ignoreFileName = 'ignore.yaml';
/** Characters of context kept on each side of the flagged text. */
export const contextLength = 8;

export interface IgnoreEntry {
	/** Draft path relative to the folder holding `.newsproof/`, with forward slashes. */
	file: string;
	rule: string;
	text: string;
	before: string;
	after: string;
}

export interface IgnoreList {
	/** The folder that holds `.newsproof/`; entry paths are relative to it. */
	root: string;
	entries: IgnoreEntry[];
	problems: ConfigProblem[];
}

/** The ignore list of a folder: `<root>/.newsproof/ignore.yaml`. */
export function ignoreFilePath(root: string): string {
	return join(root, ignoreDirName, ignoreFileName);
}

/** The nearest `.newsproof/ignore.yaml` at or above the draft's folder, if any. */
export function findIgnoreFile(draftPath: string): string | undefined {
	const start = dirname(resolve(draftPath));
	return frozenAnswer(`ignore\u0000${start}`, () => findIgnoreFileFrom(start));
}

function findIgnoreFileFrom(start: string): string | undefined {
	let dir = start;
	for (;;) {
		const file = join(dir, ignoreDirName, ignoreFileName);
		if (fileExists(file)) return file;
		const parent = dirname(dir);
		if (parent === dir) return undefined;
		dir = parent;
	}
}

const cache = new Map<string, { stamp: string; list: IgnoreList }>();


/** Reads an ignore file; bad entries are reported with their line and skipped. */
export function readIgnoreFile(file: string): IgnoreList {
	const stamp = fileStampOf(file);
	const hit = cache.get(file);
	if (hit && hit.stamp === stamp) return hit.list;
	const list: IgnoreList = { root: dirname(dirname(file)), entries: [], problems: [] };
	let text = '';
	try {
		text = readFileSync(file, 'utf8');
	} catch (err) {
		if (stamp !== 'missing') list.problems.push({ file, line: 0, column: 0, message: `无法读取忽略清单：${(err as Error).message}` });
	}
	const doc = parseDocument(text, { keepSourceTokens: false });
	const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : text.slice(0, offset).split('\n').length);
	if (doc.errors.length) {
		for (const e of doc.errors) list.problems.push({ file, line: e.linePos?.[0].line ?? 1, column: e.linePos?.[0].col ?? 1, message: `YAML 格式错误：${e.message.split('\n')[0]}` });
	} else {
		const items = doc.get('ignore');
		if (items !== undefined && !isSeq(items)) {
			list.problems.push({ file, line: 1, column: 1, message: '“ignore”应为列表' });
		} else if (isSeq(items)) {
			for (const item of items.items) {
				const value = isMap(item) ? (item.toJSON() as Record<string, unknown>) : undefined;
				const ok = value && ['file', 'rule', 'text'].every((k) => typeof value[k] === 'string' && value[k] !== '');
				if (!ok) {
					const at = lineOf((item as { range?: [number, number, number] })?.range?.[0]);
					list.problems.push({ file, line: at, column: 1, message: '忽略条目应含 file、rule、text 三个字符串字段' });
					continue;
				}
				list.entries.push({
					file: String(value.file),
					rule: String(value.rule),
					text: String(value.text),
					before: typeof value.before === 'string' ? value.before : '',
					after: typeof value.after === 'string' ? value.after : '',
				});
			}
		}
	}
	cache.set(file, { stamp, list });
	return list;
}

function relativeKey(root: string, draftPath: string): string {
	return relative(root, resolve(draftPath)).split(sep).join('/');
}

/** The entry that pins one finding: rule, flagged text and its surroundings in `source`. */
export function ignoreEntryFor(root: string, draftPath: string, source: string, finding: Pick<Finding, 'ruleId' | 'offset'>): IgnoreEntry {
	const { start, end } = finding.offset;
	return {
		file: relativeKey(root, draftPath),
		rule: finding.ruleId,
		text: source.slice(start, end),
		before: source.slice(Math.max(0, start - contextLength), start),
		after: source.slice(end, end + contextLength),
	};
}

function matches(entry: IgnoreEntry, source: string, f: Finding): boolean {
	const { start, end } = f.offset;
	return (
		entry.rule === f.ruleId &&
		entry.text === source.slice(start, end) &&
		source.slice(Math.max(0, start - entry.before.length), start) === entry.before &&
		source.slice(end, end + entry.after.length) === entry.after
	);
}

/**
 * Drops the findings a desk has ignored (for this draft, in the nearest ignore file) and
 * typo findings on a word the house dictionary accepts. `problems` reports a broken ignore file.
 */
export function filterIgnored(
	draftPath: string | undefined,
	source: string,
	findings: Finding[],
	acceptedWords: string[] = [],
): { findings: Finding[]; ignored: number; problems: ConfigProblem[] } {
	const accepted = new Set(acceptedWords);
	const file = draftPath ? findIgnoreFile(draftPath) : undefined;
	const list = file ? readIgnoreFile(file) : undefined;
	const key = list && draftPath ? relativeKey(list.root, draftPath) : undefined;
	const entries = list ? list.entries.filter((e) => e.file === key) : [];
	const kept = findings.filter((f) => {
		if (f.category === 'typo' && accepted.has(f.text)) return false;
		return !entries.some((e) => matches(e, source, f));
	});
	return { findings: kept, ignored: findings.length - kept.length, problems: list?.problems ?? [] };
}
