import { type Config, fileRefusal, type Level, readDataFile, resolveWritten } from '../engine';

// Editor settings under `newsproof.`. Clients that never answer workspace/configuration
// (Neovim 0.7) get these defaults, and the config files still apply. package.json declares
// the same keys and defaults for VS Code; a test keeps the two in step.

export interface Settings {
	enable: boolean;
	/** Language ids the VS Code client sends to the server; other editors choose their own. */
	languages: string[];
	run: 'onType' | 'onSave';
	debounceMs: number;
	rules: Record<string, Level>;
	categories: Config['categories'];
	disabledRules: string[];
	ruleFiles: string[];
	words: string[];
	publicationDate: string;
	/** Files of names of people and places, kept whole by the segmenter (was `peopleFiles`). */
	nameFiles: string[];
	staffFiles: string[];
	maxFileSizeMB: number;
	maxFindings: number;
}

export const defaultSettings: Settings = {
	enable: true,
	languages: ['plaintext', 'markdown', 'newsdraft'],
	run: 'onType',
	debounceMs: 200,
	rules: {},
	categories: {},
	disabledRules: [],
	ruleFiles: [],
	words: [],
	publicationDate: '',
	nameFiles: [],
	staffFiles: [],
	maxFileSizeMB: 20,
	maxFindings: 1000,
};

const levels = new Set(['off', 'error', 'warning', 'info', 'hint']);

function levelMap(value: unknown): Record<string, Level> {
	const out: Record<string, Level> = {};
	if (value && typeof value === 'object') {
		for (const [k, v] of Object.entries(value)) {
			if (typeof v === 'string' && levels.has(v)) out[k] = v as Level;
		}
	}
	return out;
}

const strings = (value: unknown, fallback: string[] = []): string[] =>
	Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;

const inRange = (value: unknown, min: number, max: number): value is number => typeof value === 'number' && value >= min && value <= max;

/** Turns whatever the client sent into valid settings; a bad value falls back to its default. */
export function normalizeSettings(raw: unknown): Settings {
	const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	const d = defaultSettings;
	return {
		enable: typeof r.enable === 'boolean' ? r.enable : d.enable,
		languages: strings(r.languages, d.languages),
		run: r.run === 'onSave' ? 'onSave' : 'onType',
		debounceMs: inRange(r.debounceMs, 0, 5000) ? r.debounceMs : d.debounceMs,
		rules: levelMap(r.rules),
		categories: levelMap(r.categories) as Config['categories'],
		disabledRules: strings(r.disabledRules),
		ruleFiles: strings(r.ruleFiles),
		words: strings(r.words),
		publicationDate: typeof r.publicationDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.publicationDate) ? r.publicationDate : '',
		// `peopleFiles` is the setting's former name, still read: `people:` in a config file means registries.
		nameFiles: [...strings(r.nameFiles), ...strings(r.peopleFiles)],
		staffFiles: strings(r.staffFiles),
		maxFileSizeMB: inRange(r.maxFileSizeMB, 0.01, 1024) ? r.maxFileSizeMB : d.maxFileSizeMB,
		maxFindings: typeof r.maxFindings === 'number' && r.maxFindings >= 1 ? Math.floor(r.maxFindings) : d.maxFindings,
	};
}

/**
 * Names listed one per line (`#` starts a comment), from the file a setting names; a file that
 * is missing or not a regular file (a device, a FIFO) is reported with the setting, not read.
 */
export function readNameList(file: string, base: string | undefined, problems: string[], setting = 'newsproof.nameFiles'): string[] {
	const path = base ? resolveWritten(base, file) : file;
	try {
		return readDataFile(path)
			.split(/\r?\n/)
			.map((l) => l.replace(/#.*/, '').trim())
			.filter(Boolean);
	} catch (err) {
		problems.push(`设置 ${setting} 列出的名单 ${path} ${(err as Error).message}，未读取`);
		return [];
	}
}

/** The part of the settings layered over the config files for one draft. */
export function settingsOverrides(s: Settings, base: string | undefined, problems: string[]): Partial<Config> {
	const rules: Record<string, Level> = { ...s.rules };
	for (const id of s.disabledRules) rules[id] = 'off';
	const resolveAll = (files: string[]) => files.map((f) => (base ? resolveWritten(base, f) : f));
	// Rule files are read by the engine: one that is not a regular file is left out here, with the setting named.
	const ruleFiles = resolveAll(s.ruleFiles).filter((path) => {
		const refused = fileRefusal(path);
		if (refused) problems.push(`设置 newsproof.ruleFiles 列出的规则文件 ${path} ${refused.message}，未读取`);
		return !refused;
	});
	return {
		rules,
		categories: s.categories,
		ruleFiles,
		words: [...s.words, ...s.nameFiles.flatMap((f) => readNameList(f, base, problems, 'newsproof.nameFiles'))],
		staff: s.staffFiles.flatMap((f) => readNameList(f, base, problems, 'newsproof.staffFiles')),
		publicationDate: s.publicationDate || undefined,
	};
}
