import { dirname, join, resolve } from 'node:path';
import { type FileLookups, StampedCache } from './files';
import { isSeq } from 'yaml';
import { DataFileError, readDataFile } from './dataFile';
import { portableRelative } from './paths';
import { parseYamlText } from './yamlText';
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

/** Reads an ignore file; bad entries are reported with their line and skipped. */
export function readIgnoreFile(file: string): IgnoreList {
	const list: IgnoreList = { root: dirname(dirname(file)), entries: [], problems: [] };
	let text = '';
	try {
		text = readDataFile(file);
	} catch (err) {
		const missing = err instanceof DataFileError && err.kind === 'missing';
		if (!missing)
			list.problems.push({ file, line: err instanceof DataFileError ? err.line : 0, column: 0, message: `无法读取忽略清单：${(err as Error).message}` });
	}
	const parsed = parseYamlText(text, file);
	list.problems.push(...parsed.problems);
	const value = parsed.value as { ignore?: unknown } | null | undefined;
	const items = value && typeof value === 'object' ? value.ignore : undefined;
	if (parsed.problems.length) {
		// Reported above.
	} else if (items !== undefined && items !== null && !Array.isArray(items)) {
		list.problems.push({ file, line: 1, column: 1, message: '“ignore”应为列表' });
	} else if (Array.isArray(items)) {
		const nodes = parsed.doc.get('ignore', true);
		items.forEach((item: unknown, i) => {
			const entry = item && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>) : undefined;
			const ok = entry && ['file', 'rule', 'text'].every((k) => typeof entry[k] === 'string' && entry[k] !== '');
			if (!ok) {
				const node = isSeq(nodes) ? (nodes.items[i] as { range?: [number, number, number] } | undefined) : undefined;
				list.problems.push({ file, ...parsed.at(node?.range?.[0] ?? 0), message: '忽略条目应含 file、rule、text 三个字符串字段' });
				return;
			}
			list.entries.push({
				// Written on Windows or anywhere else: compared with forward slashes.
				file: String(entry.file).replace(/\\/g, '/'),
				rule: String(entry.rule),
				text: String(entry.text),
				before: typeof entry.before === 'string' ? entry.before : '',
				after: typeof entry.after === 'string' ? entry.after : '',
			});
		});
	}
	return list;
}

function relativeKey(root: string, draftPath: string): string {
	return portableRelative(root, draftPath);
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
 * The ignore lists an engine reads: found by searching up from a draft, each read again only
 * when it changes on disk.
 */
export class IgnoreLists {
	private readonly lists: StampedCache<IgnoreList>;

	constructor(private readonly files: FileLookups) {
		this.lists = new StampedCache(files);
	}

	/** The nearest `.newsproof/ignore.yaml` at or above the draft's folder, if any. */
	find(draftPath: string): string | undefined {
		const start = dirname(resolve(draftPath));
		return this.files.answer(`ignore\u0000${start}`, () => {
			for (let dir = start; ; dir = dirname(dir)) {
				const file = ignoreFilePath(dir);
				if (this.files.exists(file)) return file;
				if (dirname(dir) === dir) return undefined;
			}
		});
	}

	read(file: string): IgnoreList {
		return this.lists.get(file, [file], () => readIgnoreFile(file));
	}

	/**
	 * Drops the findings a desk has ignored (for this draft, in the nearest ignore file) and
	 * typo findings on a word the house dictionary accepts. `problems` reports a broken ignore file.
	 */
	filter(
		draftPath: string | undefined,
		source: string,
		findings: Finding[],
		acceptedWords: string[] = [],
	): { findings: Finding[]; ignored: number; problems: ConfigProblem[] } {
		const accepted = new Set(acceptedWords);
		const file = draftPath ? this.find(draftPath) : undefined;
		const list = file ? this.read(file) : undefined;
		const key = list && draftPath ? relativeKey(list.root, draftPath) : undefined;
		const entries = list ? list.entries.filter((e) => e.file === key) : [];
		const kept = findings.filter((f) => {
			if (f.category === 'typo' && accepted.has(f.text)) return false;
			return !entries.some((e) => matches(e, source, f));
		});
		return { findings: kept, ignored: findings.length - kept.length, problems: list?.problems ?? [] };
	}
}
