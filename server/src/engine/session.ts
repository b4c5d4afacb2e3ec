import { dirname, extname } from 'node:path';
import { builtinRuleFiles } from './builtin';
import {
	type Config,
	type ConfigFileRead,
	type ConfigReader,
	findConfigFiles,
	layerConfig,
	readConfigFile,
	type ResolvedConfig,
	resolveConfig,
} from './config';
import { problemsOf, unknownRuleIds } from './configCheck';
import { FileLookups, StampedCache } from './files';
import { IgnoreLists } from './ignore';
import { ModelHolder } from './lm/loader';
import { overlayStamp } from './lm/overlay';
import { withConfigRules } from './kinds/support/configRules';
import { withoutAccepted } from './kinds/match/word-pairs';
import { LastGoodConfigs } from './lastGood';
import { LintCaches, type LintOptions, type LintResult, lintText } from './lint';
import { markdownExtensions, maskMarkdown, onProse } from './markdown';
import { loadRuleset, type Ruleset } from './ruleset';
import { Segmenter } from './segmenter';
import type { ConfigProblem } from './types';

// An engine: everything newsproof keeps between lints, owned by one object whose life is
// clear. The language server holds one for as long as it runs; a command-line run holds one
// per thread for as long as the run. It keeps the config files it read, the rule sets they
// make, the ignore lists, each paragraph's results for the next edit, and the segmenter.

export interface EngineOptions {
	/**
	 * One command-line run over many drafts: each file on disk is asked once (nobody edits a
	 * config mid-run), and no paragraph is kept for a next lint (each is seen once).
	 */
	batch?: boolean;
	/** The editor: a config file that is broken for the moment applies as it last was (see lastGood.ts). */
	keepLastGoodConfig?: boolean;
	/** The segmenter to cut words with; by default one of the engine's own. */
	segmenter?: Segmenter;
	/** The language model (TYP-900); by default the shipped one, loaded on first use. */
	model?: ModelHolder;
}

export interface FileLintOptions {
	/** Settings layered over the config files (editor settings, CLI flags). */
	overrides?: Partial<Config>;
	/** An explicit config file replaces the search up from the draft. */
	configFile?: string;
	maxFindings?: number;
	/** Cut words (and run the rules that need word boundaries); false for a first pass before the dictionary is in. Default true. */
	words?: boolean;
	/**
	 * False in a workspace the user has not trusted: its config files and ignore list are not
	 * read, and the built-in rules run with the given overrides only. Default true.
	 */
	workspaceFiles?: boolean;
	/** Lint only the prose of a Markdown draft (see markdown.ts). Default: by the file's extension. */
	markdown?: boolean;
	/** The time budget of the newsroom's backtracking patterns (see patternBudget.ts); the defaults otherwise. */
	patternBudget?: LintOptions['patternBudget'];
	/** Rules the pattern budget stopped on this draft in earlier lints (see LintOptions.stoppedRules). */
	stoppedRules?: LintOptions['stoppedRules'];
}

export interface FileLintResult extends LintResult {
	config: ResolvedConfig;
	ruleset: Ruleset;
	/** Problems in config, rule and ignore files that apply to this draft. */
	problems: ConfigProblem[];
}

function parseDate(value: string | undefined): Date | undefined {
	if (!value) return undefined;
	const d = new Date(`${value}T00:00:00Z`);
	return Number.isNaN(d.getTime()) ? undefined : d;
}

export class Engine {
	readonly files: FileLookups;
	readonly segmenter: Segmenter;
	/** The language model: read when a lint first needs it (with words), its bytes shared by the process's engines. */
	readonly model: ModelHolder;
	readonly ignores: IgnoreLists;
	private readonly batch: boolean;
	private readonly configReads: StampedCache<ConfigFileRead>;
	private readonly rulesets: StampedCache<Ruleset>;
	private readonly caches = new LintCaches();
	/** Reads a config file: again only when it changed, and in the editor its last good version while it is broken. */
	readonly readConfig: ConfigReader;

	constructor(options: EngineOptions = {}) {
		this.batch = options.batch ?? false;
		this.files = new FileLookups(this.batch);
		this.segmenter = options.segmenter ?? new Segmenter();
		this.model = options.model ?? new ModelHolder();
		this.ignores = new IgnoreLists(this.files);
		this.configReads = new StampedCache(this.files);
		this.rulesets = new StampedCache(this.files, 50);
		// Kept until the config file changes, or a file it names appears, goes or changes: what
		// the config makes of its lists (a file refused as missing) depends on them too.
		const named = new Map<string, string[]>();
		const cached: ConfigReader = (file) =>
			this.configReads.get(file, [file, ...(named.get(file) ?? [])], () => {
				const read = readConfigFile(file);
				named.set(file, read.named ?? []);
				return read;
			});
		this.readConfig = options.keepLastGoodConfig ? new LastGoodConfigs(cached).read : cached;
	}

	/** The config that applies to a draft at `path` (or to drafts in a folder, for `folder/draft.txt`). */
	configFor(path: string | undefined, options: Pick<FileLintOptions, 'overrides' | 'configFile' | 'workspaceFiles'> = {}): ResolvedConfig {
		const files = () =>
			options.workspaceFiles === false
				? []
				: options.configFile
					? [options.configFile]
					: path
						? findConfigFiles(dirname(path), this.readConfig, (f) => this.files.exists(f))
						: [];
		const o = options.overrides;
		if (!o) {
			// In a command-line run every draft of a folder shares one answer.
			const key = `config\u0000${options.workspaceFiles === false}\u0000${options.configFile ?? ''}\u0000${options.configFile || !path ? '' : dirname(path)}`;
			return this.files.answer(key, () => resolveConfig(files(), this.readConfig));
		}
		// Editor settings over the files; the file extensions to check stay the files' own.
		const config = resolveConfig(files(), this.readConfig);
		layerConfig(config, o);
		return config;
	}

	/** The built-in rules plus a config's rule files, loaded again only when one of those files changes. */
	rulesetFor(config: Pick<Config, 'ruleFiles'>): Ruleset {
		const files = [...builtinRuleFiles(), ...config.ruleFiles];
		// The shipped rules change only with the package; the newsroom's files are watched.
		return this.rulesets.get(files.join('|'), config.ruleFiles, () => loadRuleset(files));
	}

	/** Everything the rules of a config need: its rule set with the rules its own keys make (typos, staff, …). */
	rulesFor(config: ResolvedConfig): Ruleset {
		return withConfigRules(this.rulesetFor(config), config);
	}

	/** Lints text with a given rule set, keeping what this engine keeps between lints. */
	lintText(source: string, options: Omit<LintOptions, 'caches'>): LintResult {
		return lintText(source, { ...options, caches: this.caches, reuse: options.reuse ?? !this.batch });
	}

	/**
	 * Lints one draft with the config that applies to its path. The findings leave out the
	 * occurrences a desk chose to ignore (.newsproof/ignore.yaml) and typo findings on the house
	 * words; `problems` lists what was wrong with the config, rule and ignore files.
	 */
	lintFile(path: string | undefined, text: string, options: FileLintOptions = {}): FileLintResult {
		const config = this.configFor(path, options);
		const ruleset = this.rulesFor(config);
		const words = options.words !== false;
		if (words) {
			this.segmenter.addWords(ruleset.words);
			this.segmenter.addWords(config.words);
			this.segmenter.addWords([...config.typos.map((t) => t.find), ...config.accept]);
		}
		const markdown = options.markdown ?? (path !== undefined && markdownExtensions.includes(extname(path).toLowerCase()));
		const masked = markdown ? maskMarkdown(text) : undefined;
		const result = this.lintText(masked?.text ?? text, {
			ruleset,
			config,
			segmenter: words ? this.segmenter : undefined,
			maxFindings: options.maxFindings,
			patternBudget: options.patternBudget,
			stoppedRules: options.stoppedRules,
			// Markup and accepted words go before the cap, so that they take no place under it.
			filter:
				masked || config.accept.length
					? (findings, model) => {
							const prose = masked ? onProse(findings, masked.spans) : findings;
							return config.accept.length ? withoutAccepted(model.source, prose, config.accept) : prose;
						}
					: undefined,
			ruleOptions: {
				publicationDate: parseDate(config.publicationDate),
				style: config.style,
				staff: config.staff,
				people: config.people,
				typos: config.typos,
				path,
				lmOverlay: config.lmOverlay,
				lmOverlayStamp: config.lmOverlay.length ? config.lmOverlay.map(overlayStamp).join('|') : undefined,
				model: this.model,
			},
		});
		const kept = this.ignores.filter(options.workspaceFiles === false ? undefined : path, text, result.findings, config.words);
		const problems = [...config.problems, ...ruleset.problems, ...unknownRuleIds(config, ruleset), ...result.problems, ...kept.problems];
		return { ...result, findings: kept.findings, config, ruleset, problems };
	}

	/**
	 * Everything wrong with the files that configure linting the draft at `path` (config, rule,
	 * people and ignore files, unknown rule ids), found without linting it.
	 */
	configProblems(path: string | undefined, options: Pick<FileLintOptions, 'overrides' | 'configFile' | 'workspaceFiles'> = {}): ConfigProblem[] {
		const config = this.configFor(path, options);
		return problemsOf(config, this.rulesetFor(config), path, this.ignores);
	}
}
