import type { TObject } from '@sinclair/typebox';
import type { LanguageModel } from './lm/model';
import type { TermMatch } from './automaton';
import type { PatternBudget } from './patternBudget';
import type { WordIndex } from './segmenter';
import type { DraftModel, Paragraph, ParagraphKind } from './textModel';
import type { Category, Severity } from './types';

/** A rule entry as written in a rules/*.yaml file, after defaults are applied. */
export interface RuleEntry {
	id: string;
	kind: string;
	category: Category;
	severity: Severity;
	message?: string;
	explain?: string;
	source?: string[];
	examples?: { bad?: (string | { text: string; fixed?: string })[]; good?: string[] };
	/** Kind-specific parameters (find, replace, terms, members, ...). */
	[param: string]: unknown;
}

export interface RuleMeta {
	id: string;
	kind: string;
	category: Category;
	severity: Severity;
	message: string;
	explain: string;
	source: string[];
	file: string;
	line: number;
	/** True for the shipped rules; patterns from other files run under a time limit. */
	trusted: boolean;
	examples: { bad: { text: string; fixed?: string }[]; good: string[] };
}

/** What a check reports, in offsets of the paragraph's view text. */
export interface Hit {
	start: number;
	end: number;
	slots?: Record<string, string>;
	/** Replacements for [start, end); the first is preferred. */
	fixes?: { title?: string; text: string }[];
	/** Whether the first fix may be applied unasked (fix all, --fix). Defaults to true when a fix exists. */
	certain?: boolean;
	severity?: Severity;
	/** Overrides the rule's message template for this hit. */
	message?: string;
}

export interface CheckContext {
	model: DraftModel;
	paragraph: Paragraph;
	/** Word boundaries of the paragraph; undefined when segmentation is not loaded. */
	words(): WordIndex | undefined;
	options: RuleOptions;
	run: RunState;
}

/** A problem a rule met while it ran (a people file it could not read), reported against that file. */
export interface RunProblem {
	file: string;
	line: number;
	column: number;
	message: string;
}

/**
 * What one lint of one document owns for the rules it runs: the time budget of the newsroom's
 * patterns and the problems the rules report. Nothing of it is shared with another lint.
 */
export interface RunState {
	budget: PatternBudget;
	problems: RunProblem[];
}

/** Per-run facts a rule may use (publication date, house style switches, staff list). */
export interface RuleOptions {
	publicationDate?: Date;
	/** House style switches from config `style:` (free-form; each kind documents its keys). */
	style?: Record<string, unknown>;
	/** Names of the paper's reporters and correspondents, from config `staff:`. */
	staff?: string[];
	/** The draft's path, when it has one (publication date from the file name, for example). */
	path?: string;
	/** The newsroom's own confusable pairs, from config `typos:` (rule kind word-pairs, fromConfig). */
	typos?: { find: string; replace: string }[];
	/** The newsroom's people registries (config `people:`), read by the people kind. */
	people?: string[];
	/** Local overlays of the language model (config `lmOverlay:`, built by `newsproof lm add`). */
	lmOverlay?: string[];
	/**
	 * The overlays' sizes and times: part of the options, so that the kept paragraph results
	 * are not reused once `lm add` has written an overlay again.
	 */
	lmOverlayStamp?: string;
	/** The language model of the engine that lints (see lm/loader.ts); without it lm-typo is silent. */
	model?: { get(): LanguageModel | undefined };
}

/** A hit found by a document-level check, with the paragraph its offsets refer to. */
export interface DocumentHit extends Hit {
	paragraph: number;
}

export interface DocumentContext {
	model: DraftModel;
	/** Word boundaries of a paragraph (by index); undefined when segmentation is not loaded. */
	words(paragraph: number): WordIndex | undefined;
	options: RuleOptions;
	run: RunState;
}

export interface CompiledRule {
	meta: RuleMeta;
	/** Paragraph kinds the rule reads; body only unless it says otherwise. */
	paragraphKinds: ParagraphKind[];
	/** True when the rule cannot run without word boundaries. */
	needsWords: boolean;
	/** Literal terms to find in one automaton pass; matches arrive in `onTerms`. */
	terms?: string[];
	onTerms?(ctx: CheckContext, matches: TermMatch<CompiledRule>[]): Hit[];
	check?(ctx: CheckContext): Hit[];
	/** `check` can only hit in a paragraph holding one of these strings; it is skipped elsewhere. */
	gate?: string[];
	/** Runs once per document, after the paragraph checks: stories, bylines, consistency. */
	checkDocument?(ctx: DocumentContext): DocumentHit[];
}

/**
 * What the rules of one rule set keep between lints (a registry read from files, the last
 * paragraphs' results): made on first use, it lives and goes with its rule set.
 */
export class RulesetMemory {
	private readonly kept = new Map<string, unknown>();

	/** The value kept under `key`; `make` gives it the first time. */
	get<T>(key: string, make: () => T): T {
		if (!this.kept.has(key)) this.kept.set(key, make());
		return this.kept.get(key) as T;
	}
}

export interface Kind {
	name: string;
	/** The kind's parameters, declared once (kinds/support/params.ts): checked at load, and part of rules.schema.json. */
	params: TObject;
	/** `memory` is the rule set's, for what the kind's rules share between lints. */
	compile(entry: RuleEntry, meta: RuleMeta, memory: RulesetMemory): CompiledRule;
	/** The message used when an entry has none. */
	defaultMessage: string;
}

/** A problem the kind found in an entry's parameters, reported at load with file and line. */
export class RuleDataError extends Error {
	constructor(
		message: string,
		readonly field?: string,
	) {
		super(message);
	}
}

export function fillSlots(template: string, slots: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in slots ? slots[key] : whole));
}
