import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import schema from '../../../rules/schema/config.schema.json';
import { DataFileError, fileRefusal, maxConfigFileBytes, maxOverlayBytes, readDataFile } from './dataFile';
import { wordProblem } from './jieba/dictionary';
import type { Category, ConfigProblem, Severity } from './types';
import { resolveWritten } from './paths';
import { parseYaml } from './yamlFile';

// A newsroom's settings live in .newsproofrc.yaml, found by searching up from the draft.
// The nearest file wins; `root: true` stops the search. Settings from an editor are merged
// on top by the caller (the language server).

export type Level = Severity | 'off';

export interface Config {
	rules: Record<string, Level>;
	categories: Partial<Record<Category, Level>>;
	ruleFiles: string[];
	words: string[];
	publicationDate?: string;
	extensions: string[];
	/** House style switches passed to the rules (see each kind). */
	style: Record<string, unknown>;
	/** The paper's reporters and correspondents. */
	staff: string[];
	/** People registries (local officials), in the format of rules/people.yaml. */
	people: string[];
	/** The newsroom's own confusable pairs (wrong -> right), checked like the built-in typos. */
	typos: { find: string; replace: string }[];
	/** Words the newsroom accepts: typo findings inside them are dropped. */
	accept: string[];
	/** Local overlays of the language model, from `newsproof lm add`. */
	lmOverlay: string[];
}

/** Where a key of `rules:` is written, so that an unknown rule id is reported on its line. */
export interface RuleKeyPlace {
	key: string;
	file: string;
	line: number;
	column: number;
}

export interface ResolvedConfig extends Config {
	/** The config files read, nearest first. */
	files: string[];
	problems: ConfigProblem[];
	/** The keys of the files' `rules:` sections, where they are written (configCheck judges them). */
	ruleKeys: RuleKeyPlace[];
}

/** What reading one config file gives: the config (absent when the file is unusable) and its problems. */
export interface ConfigFileRead {
	config?: Partial<Config> & { root?: boolean };
	problems: ConfigProblem[];
	ruleKeys?: RuleKeyPlace[];
	/**
	 * The files the config names (rule files, people registries, overlays), whether they could be
	 * read or not: a reader that keeps reads reads the config again when one of them appears or
	 * changes (a config written before `newsproof lm add` has built the overlay it names).
	 */
	named?: string[];
}

/** Reads one config file; the language server passes one that remembers the last good read. */
export type ConfigReader = (file: string) => ConfigFileRead;

export const configFileNames = ['.newsproofrc.yaml', '.newsproofrc.yml'];
/** Text drafts: what the language server lints in a folder. */
export const defaultExtensions = ['.txt', '.md', '.news'];
/** Word documents, which the command line also checks by default (.doc and .wps only to say: save as .docx). */
export const wordExtensions = ['.docx', '.doc', '.wps'];

export function emptyConfig(): ResolvedConfig {
	return {
		rules: {},
		categories: {},
		ruleFiles: [],
		words: [],
		extensions: [...defaultExtensions, ...wordExtensions],
		style: {},
		staff: [],
		people: [],
		typos: [],
		accept: [],
		lmOverlay: [],
		files: [],
		problems: [],
		ruleKeys: [],
	};
}

/** Whether a YYYY-MM-DD string names a day of the calendar (2021-13-45 does not). */
export function isCalendarDay(value: string): boolean {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	const date = new Date(Date.UTC(y, mo - 1, d));
	return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The config keys that name files, read later by the rule and people loaders. */
const fileListKeys = ['ruleFiles', 'people', 'lmOverlay'] as const;

/**
 * Reads one config file; the files it names come back absolute. A problem in the file makes
 * the whole file unusable (no config), so that a mistake never half applies; a file it names
 * that is missing or not a regular file is reported on the line that names it and left out.
 */
export function readConfigFile(file: string): ConfigFileRead {
	let text: string;
	try {
		text = readDataFile(file, maxConfigFileBytes);
	} catch (err) {
		const line = err instanceof DataFileError ? err.line : 0;
		return { problems: [{ file, line, column: line ? 1 : 0, message: `无法读取配置文件：${(err as Error).message}` }] };
	}
	// Every problem at once: the checks below also run on a file the schema rejected.
	const { loaded, parsed, problems } = parseYaml(text, file, schema);
	if (!parsed) {
		return { problems };
	}
	const value = (parsed.value && typeof parsed.value === 'object' ? parsed.value : {}) as Partial<Config> & { root?: boolean };
	if (typeof value.publicationDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.publicationDate) && !isCalendarDay(value.publicationDate)) {
		problems.push({ file, ...parsed.locate(['publicationDate']), message: `publicationDate：${value.publicationDate} 不是日历上的日期` });
	}
	const base = dirname(file);
	const named: string[] = [];
	for (const key of fileListKeys) {
		const kept: string[] = [];
		const names: unknown[] = Array.isArray(value[key]) ? value[key] : [];
		names.forEach((name, i) => {
			if (typeof name !== 'string' || !name) return;
			const path = resolveWritten(base, name);
			named.push(path);
			// An overlay is binary and read as views: it may be far larger than a text file.
			const refused = fileRefusal(path, key === 'lmOverlay' ? maxOverlayBytes : undefined);
			if (refused) {
				problems.push({ file, ...parsed.locate([key, i]), message: `${key} 列出的“${name}”${refused.message}，未读取` });
			} else {
				kept.push(path);
			}
		});
		value[key] = kept;
	}
	// A house word the segmenter cannot keep whole is a mistake on its line.
	(Array.isArray(value.words) ? value.words : []).forEach((word, i) => {
		const why = typeof word === 'string' ? wordProblem(word) : undefined;
		if (why) problems.push({ file, ...parsed.locate(['words', i]), message: `words：分词词典无法收录此词：${why}` });
	});
	if (!loaded || problems.length) {
		return { problems, named };
	}
	// Rule ids are judged against the rule set the config makes (configCheck): only in a usable file,
	// since the rule files of an unusable one, and so their ids, are not loaded.
	const ruleKeys = Object.keys(value.rules ?? {}).map((key) => ({ key, file, ...parsed.locateKey(['rules', key]) }));
	return { config: value, problems, ruleKeys, named };
}

/** The config files that apply to drafts in `startDir`, nearest first, up to one that says `root: true`. */
export function findConfigFiles(startDir: string, read: ConfigReader = readConfigFile, exists: (file: string) => boolean = existsSync): string[] {
	const found: string[] = [];
	let dir = resolve(startDir);
	for (;;) {
		const file = configFileNames.map((n) => join(dir, n)).find(exists);
		if (file) {
			found.push(file);
			const { config } = read(file);
			if (config?.root) {
				break;
			}
		}
		const parent = dirname(dir);
		if (parent === dir) {
			break;
		}
		dir = parent;
	}
	return found;
}

/** Merges config files, nearest last-applied so that it wins. */
export function resolveConfig(files: string[], read: ConfigReader = readConfigFile): ResolvedConfig {
	const result = emptyConfig();
	for (const file of [...files].reverse()) {
		const { config, problems, ruleKeys } = read(file);
		result.problems.push(...problems);
		result.files.unshift(file);
		result.ruleKeys.push(...(ruleKeys ?? []));
		if (!config) {
			continue;
		}
		layerConfig(result, config);
		if (config.extensions) result.extensions = config.extensions;
	}
	return result;
}

/** Lays `layer` over `result`: its levels, style and date win, its lists are appended. */
export function layerConfig(result: ResolvedConfig, layer: Partial<Config>): void {
	Object.assign(result.rules, layer.rules ?? {});
	Object.assign(result.categories, layer.categories ?? {});
	result.ruleFiles.push(...(layer.ruleFiles ?? []));
	result.words.push(...(layer.words ?? []));
	if (layer.publicationDate) result.publicationDate = layer.publicationDate;
	Object.assign(result.style, layer.style ?? {});
	result.staff.push(...(layer.staff ?? []));
	result.people.push(...(layer.people ?? []));
	result.typos.push(...(layer.typos ?? []));
	result.accept.push(...(layer.accept ?? []));
	result.lmOverlay.push(...(layer.lmOverlay ?? []));
}

/** The level a rule runs at: by id, then the longest matching id prefix, then its category. */
export function levelOf(ruleId: string, category: Category, severity: Severity, config: Pick<Config, 'rules' | 'categories'>): Level {
	if (config.rules[ruleId]) {
		return config.rules[ruleId];
	}
	let best: string | undefined;
	for (const key of Object.keys(config.rules)) {
		if (ruleId.startsWith(key) && (!best || key.length > best.length)) {
			best = key;
		}
	}
	if (best) {
		return config.rules[best];
	}
	return config.categories[category] ?? severity;
}
