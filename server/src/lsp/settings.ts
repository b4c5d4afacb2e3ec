import type { Config, Level } from '../engine';

// Editor settings under `newsproof.`. Clients that never answer workspace/configuration
// (Neovim 0.7) get these defaults, and the config files still apply.

export interface Settings {
	enable: boolean;
	run: 'onType' | 'onSave';
	debounceMs: number;
	rules: Record<string, Level>;
	categories: Config['categories'];
	ruleFiles: string[];
	words: string[];
	publicationDate: string;
	maxFindings: number;
}

export const defaultSettings: Settings = {
	enable: true,
	run: 'onType',
	debounceMs: 200,
	rules: {},
	categories: {},
	ruleFiles: [],
	words: [],
	publicationDate: '',
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

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Turns whatever the client sent into valid settings; a bad value falls back to its default. */
export function normalizeSettings(raw: unknown): Settings {
	const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
	return {
		enable: typeof r.enable === 'boolean' ? r.enable : defaultSettings.enable,
		run: r.run === 'onSave' ? 'onSave' : 'onType',
		debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 && r.debounceMs <= 5000 ? r.debounceMs : defaultSettings.debounceMs,
		rules: levelMap(r.rules),
		categories: levelMap(r.categories) as Config['categories'],
		ruleFiles: strings(r.ruleFiles),
		words: strings(r.words),
		publicationDate: typeof r.publicationDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(r.publicationDate) ? r.publicationDate : '',
		maxFindings: typeof r.maxFindings === 'number' && r.maxFindings >= 1 ? Math.floor(r.maxFindings) : defaultSettings.maxFindings,
	};
}
