import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import schema from '../../../rules/schema/config.schema.json';
import { fileExists, stampOf } from './fileStamp';
import { builtinRuleFiles } from './builtin';
import { wordProblem } from './jieba/dictionary';
import { loadRuleset, type Ruleset } from './ruleset';
import type { Category, ConfigProblem, Severity } from './types';
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

export interface ResolvedConfig extends Config {
	/** The config files read, nearest first. */
	files: string[];
	problems: ConfigProblem[];
}

export const configFileNames = ['.newsproofrc.yaml', '.newsproofrc.yml'];
/** Text drafts: what the language server lints in a folder. */
export const defaultExtensions = ['.txt', '.md', '.news'];
/** Word documents, which the command line also checks by default (.doc and .wps only to say: save as .docx). */
export const wordExtensions = ['.docx', '.doc', '.wps'];

export function emptyConfig(): ResolvedConfig {
	return { rules: {}, categories: {}, ruleFiles: [], words: [], extensions: [...defaultExtensions, ...wordExtensions], style: {}, staff: [], people: [], typos: [], accept: [], lmOverlay: [], files: [], problems: [] };
}

/** Reads one config file; rule file paths come back absolute. */
export function readConfigFile(file: string): { config?: Partial<Config> & { root?: boolean }; problems: ConfigProblem[] } {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (err) {
		return { problems: [{ file, line: 0, column: 0, message: `无法读取配置文件：${(err as Error).message}` }] };
	}
	const { loaded, problems } = parseYaml(text, file, schema);
	if (!loaded) {
		return { problems };
	}
	const value = (loaded.value ?? {}) as Partial<Config> & { root?: boolean };
	const base = dirname(file);
	value.ruleFiles = (value.ruleFiles ?? []).map((f) => (isAbsolute(f) ? f : join(base, f)));
	value.people = (value.people ?? []).map((f) => (isAbsolute(f) ? f : join(base, f)));
	value.lmOverlay = (value.lmOverlay ?? []).map((f) => (isAbsolute(f) ? f : join(base, f)));
	// A house word the segmenter cannot keep whole is reported on its line and left out.
	value.words = value.words?.filter((word, i) => {
		const why = wordProblem(word);
		if (why) problems.push({ file, ...loaded.locate(['words', i]), message: `words：分词词典无法收录此词：${why}` });
		return !why;
	});
	return { config: value, problems };
}

export function findConfigFiles(startDir: string): string[] {
	const found: string[] = [];
	let dir = resolve(startDir);
	for (;;) {
		const file = configFileNames.map((n) => join(dir, n)).find((f) => fileExists(f));
		if (file) {
			found.push(file);
			const { config } = readConfigFile(file);
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
export function resolveConfig(files: string[]): ResolvedConfig {
	const result = emptyConfig();
	for (const file of [...files].reverse()) {
		const { config, problems } = readConfigFile(file);
		result.problems.push(...problems);
		result.files.unshift(file);
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

interface CacheEntry {
	stamp: string;
	ruleset: Ruleset;
}
const rulesetCache = new Map<string, CacheEntry>();


/** Built-in rules plus a config's rule files, reloaded only when a file changes. */
export function rulesetFor(config: Pick<Config, 'ruleFiles'>): Ruleset {
	const files = [...builtinRuleFiles(), ...config.ruleFiles];
	const key = files.join('|');
	// The shipped rules change only with the package; the newsroom's files are watched.
	const stamp = stampOf(config.ruleFiles);
	const cached = rulesetCache.get(key);
	if (cached && cached.stamp === stamp) {
		return cached.ruleset;
	}
	const ruleset = loadRuleset(files);
	rulesetCache.set(key, { stamp, ruleset });
	return ruleset;
}
