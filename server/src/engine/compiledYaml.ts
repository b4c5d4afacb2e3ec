import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { isMap, isNode, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { literalMemo, type PatternFacts } from './regexLiterals';

// Parsing the shipped rule files with positions costs most of the language server's start
// (the YAML parser keeps a full syntax tree). The build parses them once and writes their
// values to dist/rules-compiled.json, and the positions of their nodes, which only an error
// needs, to a file of their own beside it; at run time a shipped file whose content hash
// matches is taken from there, and any other file, or a shipped file edited since the build,
// is parsed as usual.

export interface CompiledYaml {
	hash: string;
	/** Size and modification time of the file compiled: when both still match, it is not read at all. */
	size: number;
	mtimeMs: number;
	/** The value as JSON text: each use parses its own copy (callers may change it). */
	json: string;
	/** [line, column] of each entry of `rules`, 1-based: every rule's place, needed at every load. */
	rules: [number, number][];
	/** JSON text of a map from path (parts joined by \u0001) to [line, column], read when an error needs it. */
	at: string;
}

/** Positions are kept this deep: rules, entry, field (what errors in shipped files point at). */
const maxDepth = 3;

export function hashOf(text: string): string {
	return createHash('sha1').update(text).digest('hex');
}

/** The compiled form of a YAML file without syntax errors (validated by the caller), read as `text`. */
export function compileYaml(text: string, stat: { size: number; mtimeMs: number }): CompiledYaml | undefined {
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	if (doc.errors.length) return undefined;
	const at: Record<string, [number, number]> = {};
	const walk = (node: unknown, path: (string | number)[]) => {
		if (!isNode(node)) return;
		if (node.range) {
			const pos = lineCounter.linePos((node as Node).range![0]);
			at[path.join('\u0001')] = [pos.line, pos.col];
		}
		if (path.length >= maxDepth) return;
		if (isMap(node)) {
			for (const pair of node.items) {
				const key = isNode(pair.key) ? (pair.key as { value?: unknown }).value : pair.key;
				walk(pair.value, [...path, String(key)]);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, i) => walk(item, [...path, i]));
		}
	};
	walk(doc.contents, []);
	const rules: [number, number][] = [];
	for (let i = 0; at[`rules\u0001${i}`]; i++) rules.push(at[`rules\u0001${i}`]);
	return { hash: hashOf(text), size: stat.size, mtimeMs: stat.mtimeMs, json: JSON.stringify(doc.toJS()), rules, at: JSON.stringify(at) };
}

/** What the build writes: the files, and the required literals of their patterns (regexLiterals). */
export interface CompiledRules {
	/** The shape of this file; a file of another shape (an older build) is ignored whole. */
	format: number;
	/** The files without their positions (`at`), which are in the positions file, by the same name. */
	files: Record<string, Omit<CompiledYaml, 'at'>>;
	/** What the pattern analysis knows of each shipped pattern (regexLiterals), by flags and source. */
	literals: [string, PatternFacts][];
}

export const compiledFormat = 4;

/** The file beside the compiled copy that holds each file's `at`, read the first time an error needs one. */
export function positionsFile(compiledFile: string): string {
	return compiledFile.replace(/\.json$/, '-positions.json');
}

/** Splits the compiled files into what the build writes: the compiled copy and its positions file. */
export function storedForms(
	files: Record<string, CompiledYaml>,
	literals: [string, PatternFacts][],
): { rules: CompiledRules; positions: Record<string, string> } {
	const stored: CompiledRules['files'] = {};
	const positions: Record<string, string> = {};
	for (const [name, { at, ...rest }] of Object.entries(files)) {
		stored[name] = rest;
		positions[name] = at;
	}
	return { rules: { format: compiledFormat, files: stored, literals }, positions };
}

/** The files of each compiled copy read so far, by its path (the build's one in practice). */
const compiled = new Map<string, Record<string, CompiledYaml>>();

function filesOf(compiledFile: string): Record<string, CompiledYaml> {
	let files = compiled.get(compiledFile);
	if (files === undefined) {
		try {
			const data = JSON.parse(readFileSync(compiledFile, 'utf8')) as CompiledRules;
			if (data.format !== compiledFormat) throw new Error('another format');
			files = {};
			for (const [name, entry] of Object.entries(data.files)) files[name] = withPositions(entry, compiledFile, name);
			for (const [key, facts] of data.literals) {
				if (!literalMemo.has(key)) literalMemo.set(key, facts);
			}
		} catch {
			files = {};
		}
		compiled.set(compiledFile, files);
	}
	return files;
}

/** Positions read from the positions file, by compiled copy; undefined until an error needs one. */
let positionTexts: Map<string, Record<string, string>> | undefined;

/** A stored entry with `at` read from the positions file on first use ('{}' when that file is missing). */
function withPositions(entry: Omit<CompiledYaml, 'at'>, compiledFile: string, name: string): CompiledYaml {
	let at: string | undefined;
	return Object.defineProperty({ ...entry } as CompiledYaml, 'at', {
		enumerable: true,
		get: () => {
			if (at === undefined) {
				positionTexts ??= new Map();
				let texts = positionTexts.get(compiledFile);
				if (!texts) {
					try {
						texts = JSON.parse(readFileSync(positionsFile(compiledFile), 'utf8')) as Record<string, string>;
					} catch {
						texts = {};
					}
					positionTexts.set(compiledFile, texts);
				}
				at = typeof texts[name] === 'string' ? texts[name] : '{}';
			}
			return at;
		},
	});
}

/** The build's compiled copy of a shipped file, when its content is what was compiled. */
export function compiledCopy(file: string, text: string, compiledFile: string): CompiledYaml | undefined {
	const entry = filesOf(compiledFile)[basename(file)];
	return entry && entry.hash === hashOf(text) ? entry : undefined;
}

/**
 * The compiled copy of a shipped file whose content is what was compiled, found without
 * decoding or parsing it: taken unread when the file has the size and modification time it
 * was built from (a build's own tree); at the same size and another time (an installed
 * extension's files all carry the time of the install), when the SHA-1 of its bytes is the
 * one of the text compiled. Otherwise undefined, and the caller reads the file and compares
 * its text (compiledCopy).
 */
export function untouchedCopy(file: string, compiledFile: string): CompiledYaml | undefined {
	const entry = filesOf(compiledFile)[basename(file)];
	if (!entry) return undefined;
	try {
		const stat = statSync(file);
		if (stat.size !== entry.size) return undefined;
		if (stat.mtimeMs === entry.mtimeMs) return entry;
		return createHash('sha1').update(readFileSync(file)).digest('hex') === entry.hash ? entry : undefined;
	} catch {
		return undefined;
	}
}

const positions = new WeakMap<CompiledYaml, Record<string, [number, number]>>();

/** Line and column of the deepest recorded node on a path. */
export function locateIn(entry: CompiledYaml, path: (string | number)[]): { line: number; column: number } {
	if (path.length === 2 && path[0] === 'rules' && typeof path[1] === 'number' && entry.rules[path[1]]) {
		const [line, column] = entry.rules[path[1]];
		return { line, column };
	}
	let at = positions.get(entry);
	if (!at) {
		at = JSON.parse(entry.at) as Record<string, [number, number]>;
		positions.set(entry, at);
	}
	for (let n = Math.min(path.length, maxDepth); n >= 0; n--) {
		const pos = at[path.slice(0, n).join('\u0001')];
		if (pos) return { line: pos[0], column: pos[1] };
	}
	return { line: 1, column: 1 };
}
