import type { TermMatch } from './automaton';
import { type Config, levelOf } from './config';
import { type BudgetOptions, PatternBudget } from './patternBudget';
import { type CompiledRule, type DocumentContext, fillSlots, type Hit, type RuleOptions, type RunProblem, type RunState } from './rule';
import type { Ruleset } from './ruleset';
import type { Segmenter, WordIndex } from './segmenter';
import { ContextReads, ParagraphContext } from './paragraphView';
import { type DraftModel, type Paragraph, parseDraft } from './textModel';
import type { Finding, Fix, Severity, TextEdit } from './types';

export interface LintOptions {
	ruleset: Ruleset;
	config?: Pick<Config, 'rules' | 'categories'>;
	/** Without a segmenter, rules that need word boundaries are skipped (the fast first pass). */
	segmenter?: Segmenter;
	ruleOptions?: RuleOptions;
	/** At most this many findings per document; a summary finding says how many were left out. */
	maxFindings?: number;
	/** Drops findings before the cap is applied (accepted words), so that they take no place under it. */
	filter?: (findings: Finding[], model: DraftModel) => Finding[];
	/** What is kept between lints (see LintCaches); without it nothing is. */
	caches?: LintCaches;
	/**
	 * Keep each paragraph's results in `caches` for the next lint (an editor re-linting after an
	 * edit). A batch run over many files sees each paragraph once and turns it off. Default true.
	 */
	reuse?: boolean;
	/** The time budget of the newsroom's backtracking patterns on this document (see patternBudget.ts). */
	patternBudget?: BudgetOptions;
	/**
	 * The rules the budget stopped on this document in earlier lints, with the paragraph where
	 * each stopped. They stay off from that paragraph on, so that an editor re-linting after
	 * every edit does not spend the budget again; the lint adds the rules it stops. The map is
	 * keyed by the compiled rule, so a new rule set starts afresh.
	 */
	stoppedRules?: WeakMap<CompiledRule, number>;
}

export interface LintResult {
	findings: Finding[];
	model: DraftModel;
	/** True when rules were skipped because segmentation was not available. */
	partial: boolean;
	/** Problems the rules met in files they read while running (people files). */
	problems: RunProblem[];
}

/** The finding that names a rule the pattern budget switched off for the document. */
export const budgetRuleId = 'newsproof-budget';

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Keeps, per rule, the longest of overlapping term matches (新的社会阶层人士 over 阶层人士). */
function longestMatches(matches: TermMatch<CompiledRule>[]): TermMatch<CompiledRule>[] {
	const sorted = [...matches].sort((a, b) => a.start - b.start || b.end - a.end);
	const kept: TermMatch<CompiledRule>[] = [];
	let reach = -1;
	for (const m of sorted) {
		if (m.start >= reach) {
			kept.push(m);
			reach = m.end;
		}
	}
	return kept;
}

/** The smallest edit turning `from` into `to`: common prefix and suffix are left alone. */
export function minimalEdit(from: string, to: string): { skip: number; cut: number; text: string } {
	let prefix = 0;
	const max = Math.min(from.length, to.length);
	while (prefix < max && from.charCodeAt(prefix) === to.charCodeAt(prefix)) {
		prefix++;
	}
	// Never split a surrogate pair.
	if (prefix > 0 && /[\ud800-\udbff]/.test(from[prefix - 1])) {
		prefix--;
	}
	let suffix = 0;
	while (suffix < max - prefix && from.charCodeAt(from.length - 1 - suffix) === to.charCodeAt(to.length - 1 - suffix)) {
		suffix++;
	}
	if (suffix > 0 && /[\udc00-\udfff]/.test(from[from.length - suffix])) {
		suffix--;
	}
	return { skip: prefix, cut: from.length - prefix - suffix, text: to.slice(prefix, to.length - suffix) };
}

/**
 * Edits for a replacement of equal length touch only the characters that differ, so that
 * (社区) -> （社区） leaves the text between the brackets, and any other fix inside it, alone.
 */
export function editRuns(from: string, to: string): { skip: number; cut: number; text: string }[] {
	if (from.length !== to.length) {
		return [minimalEdit(from, to)];
	}
	const runs: { skip: number; cut: number; text: string }[] = [];
	let i = 0;
	while (i < from.length) {
		if (from[i] === to[i]) {
			i++;
			continue;
		}
		let start = i;
		if (start > 0 && /[\udc00-\udfff]/.test(from[start])) start--;
		let end = i;
		while (end < from.length && from[end] !== to[end]) end++;
		if (end < from.length && /[\ud800-\udbff]/.test(from[end - 1])) end++;
		runs.push({ skip: start, cut: end - start, text: to.slice(start, end) });
		i = end;
	}
	return runs;
}

function toFinding(model: DraftModel, paragraph: Paragraph, rule: CompiledRule, hit: Hit, severity: Severity): Finding {
	const start = paragraph.toSourceStart(hit.start);
	const end = Math.max(start, paragraph.toSourceEnd(hit.end));
	const viewText = paragraph.text.slice(hit.start, hit.end);
	const fixes: Fix[] = (hit.fixes ?? []).map((f) => {
		const edits = editRuns(viewText, f.text).map((e): TextEdit => {
			const from = e.cut === 0 ? paragraph.toSourceEnd(hit.start + e.skip) : paragraph.toSourceStart(hit.start + e.skip);
			const to = e.cut === 0 ? from : paragraph.toSourceEnd(hit.start + e.skip + e.cut);
			return { range: { start: model.lines.positionAt(from), end: model.lines.positionAt(to) }, newText: e.text };
		});
		return { title: f.title ?? `改为“${f.text}”`, edits };
	});
	const slots = { found: viewText, ...hit.slots };
	return {
		ruleId: rule.meta.id,
		category: rule.meta.category,
		severity,
		message: fillSlots(hit.message ?? rule.meta.message, slots),
		text: model.source.slice(start, end),
		range: { start: model.lines.positionAt(start), end: model.lines.positionAt(end) },
		fixes,
		certain: fixes.length > 0 && (hit.certain ?? true),
		offset: { start, end },
	};
}

// Per-paragraph results, so that an edit re-runs only the paragraphs it changed. An entry is
// keyed by everything a paragraph-local check can see: the text, its kind, dateline and
// layout breaks, the run options and the segmenter's dictionary. A rule's hits are kept only
// when that run read nothing else (paragraphView.ts: the run's ContextReads).

interface ParagraphEntry {
	/** The term matches of the text by rule, in automaton order. */
	byRule: Map<CompiledRule, TermMatch<CompiledRule>[]>;
	/** Gated rules whose gate strings occur in the text (see CompiledRule.gate). */
	opened: CompiledRule[];
	/** Hits of the runs that stayed inside the paragraph. */
	hits: Map<CompiledRule, Hit[]>;
}

const cacheLimit = 5000;

function optionsKey(options: RuleOptions): string {
	return JSON.stringify(options, (_key, value: unknown) =>
		value instanceof Map ? [...value] : value instanceof Set ? [...value] : typeof value === 'function' ? String(value) : value,
	);
}

function groupByRule(matches: TermMatch<CompiledRule>[]): Map<CompiledRule, TermMatch<CompiledRule>[]> {
	const byRule = new Map<CompiledRule, TermMatch<CompiledRule>[]>();
	for (const m of matches) {
		const list = byRule.get(m.value);
		if (list) list.push(m);
		else byRule.set(m.value, [m]);
	}
	return byRule;
}

/** The rules that read one kind of paragraph under one set of levels. */
interface KindPlan {
	/** Checks that run on every paragraph of the kind. */
	always: CompiledRule[];
	/** Checks behind a gate: they run where the paragraph opened them. */
	gated: Set<CompiledRule>;
	/** Term rules that run on their matches. */
	terms: Set<CompiledRule>;
	/** Term rules left out for want of words: a match of theirs makes the result partial. */
	wordless: Set<CompiledRule>;
	/** Some check was left out for want of words. */
	skipped: boolean;
}

type Levels = Map<CompiledRule, Severity | 'off'>;

/**
 * What lints keep for the next lint: per rule set, each paragraph's results (an edit re-runs
 * only the paragraphs it changed), each config's rule levels, and the rule plans made from
 * them. An engine owns one (see session.ts); a lint without one keeps nothing.
 */
export class LintCaches {
	private readonly paragraphs = new WeakMap<Ruleset, Map<string, ParagraphEntry>>();
	private readonly levelMaps = new WeakMap<Ruleset, Map<string, Levels>>();
	private readonly documentLists = new WeakMap<Levels, CompiledRule[]>();
	private readonly plans = new WeakMap<Levels, Map<string, KindPlan>>();

	paragraphCache(ruleset: Ruleset): Map<string, ParagraphEntry> {
		let cache = this.paragraphs.get(ruleset);
		if (!cache) {
			cache = new Map();
			this.paragraphs.set(ruleset, cache);
		}
		return cache;
	}

	/** Each rule's level under a config; the same few configs come back on every lint. */
	levels(ruleset: Ruleset, config: Pick<Config, 'rules' | 'categories'>): Levels {
		let byConfig = this.levelMaps.get(ruleset);
		if (!byConfig) {
			byConfig = new Map();
			this.levelMaps.set(ruleset, byConfig);
		}
		const key = JSON.stringify([config.rules, config.categories]);
		let levels = byConfig.get(key);
		if (!levels) {
			levels = new Map();
			for (const rule of ruleset.rules) {
				levels.set(rule, levelOf(rule.meta.id, rule.meta.category, rule.meta.severity, config));
			}
			if (byConfig.size > 50) byConfig.clear();
			byConfig.set(key, levels);
		}
		return levels;
	}

	/** The document-level rules that are on, under the levels of one config. */
	documentRules(ruleset: Ruleset, levels: Levels): CompiledRule[] {
		let list = this.documentLists.get(levels);
		if (!list) {
			list = ruleset.rules.filter((r) => r.checkDocument && levels.get(r) !== 'off');
			this.documentLists.set(levels, list);
		}
		return list;
	}

	/** The plan for a kind of paragraph, made once per set of levels (one per config in practice). */
	plan(ruleset: Ruleset, levels: Levels, kind: Paragraph['kind'], canSegment: boolean): KindPlan {
		let byKind = this.plans.get(levels);
		if (!byKind) {
			byKind = new Map();
			this.plans.set(levels, byKind);
		}
		const key = `${kind}\u0000${canSegment}`;
		let plan = byKind.get(key);
		if (!plan) {
			plan = { always: [], gated: new Set(), terms: new Set(), wordless: new Set(), skipped: false };
			for (const rule of ruleset.rules) {
				if (levels.get(rule) === 'off' || !rule.paragraphKinds.includes(kind)) continue;
				const wordless = rule.needsWords && !canSegment;
				if (rule.onTerms) {
					(wordless ? plan.wordless : plan.terms).add(rule);
				}
				if (!rule.check) continue;
				if (wordless) plan.skipped = true;
				else if (rule.gate) plan.gated.add(rule);
				else plan.always.push(rule);
			}
			byKind.set(key, plan);
		}
		return plan;
	}
}

/** One lint of one draft: runs the paragraph and document rules and collects the findings. */
class DraftRun {
	readonly findings: Finding[] = [];
	partial = false;
	private readonly wordCache = new Map<number, WordIndex | undefined>();
	/** What the current check run read outside its paragraph's cache key. */
	private readonly reads = new ContextReads();
	readonly state: RunState;
	/** Rules stopped by the pattern budget, with the paragraph where it happened; off for the rest of the document. */
	readonly stopped = new Map<CompiledRule, number>();

	constructor(
		private readonly model: DraftModel,
		private readonly ruleset: Ruleset,
		private readonly levels: Levels,
		private readonly caches: LintCaches,
		/** Present when the dictionary is loaded. */
		private readonly segmenter: Segmenter | undefined,
		private readonly ruleOptions: RuleOptions,
		private readonly cache: Map<string, ParagraphEntry> | undefined,
		private readonly keyPrefix: string,
		budget: PatternBudget,
		private readonly remembered: WeakMap<CompiledRule, number> | undefined,
	) {
		this.state = { budget, problems: [] };
	}

	/** True when the budget switched the rule off at or before this paragraph, in this lint or an earlier one. */
	private off(rule: CompiledRule, paragraph: number): boolean {
		if (this.stopped.has(rule)) return true;
		const at = this.remembered?.get(rule);
		if (at === undefined || paragraph < at) return false;
		this.stopped.set(rule, at);
		return true;
	}

	/** Hands the rules stopped in this lint to the next one. */
	remember(): void {
		for (const [rule, at] of this.stopped) this.remembered?.set(rule, at);
	}

	readonly wordsOf = (paragraph: Paragraph): WordIndex | undefined => {
		if (!this.wordCache.has(paragraph.index)) {
			this.wordCache.set(paragraph.index, this.segmenter?.words(paragraph.text));
		}
		return this.wordCache.get(paragraph.index);
	};

	paragraph(paragraph: Paragraph): void {
		const ctx = new ParagraphContext(this.model, paragraph, this.wordsOf, this.ruleOptions, this.state, this.reads);
		const entry = this.entryFor(paragraph);
		const plan = this.caches.plan(this.ruleset, this.levels, paragraph.kind, this.segmenter !== undefined);
		for (const [rule, matches] of entry.byRule) {
			if (plan.terms.has(rule)) this.run(ctx, paragraph, entry, rule, matches);
			else if (plan.wordless.has(rule)) this.partial = true;
		}
		if (plan.skipped) {
			this.partial = true;
		}
		for (const rule of plan.always) {
			this.run(ctx, paragraph, entry, rule);
		}
		for (const rule of entry.opened) {
			if (plan.gated.has(rule)) this.run(ctx, paragraph, entry, rule);
		}
	}

	document(): void {
		const docCtx: DocumentContext = { model: this.model, words: (i) => this.wordsOf(this.model.paragraphs[i]), options: this.ruleOptions, run: this.state };
		for (const rule of this.caches.documentRules(this.ruleset, this.levels)) {
			if (rule.needsWords && !this.segmenter) {
				this.partial = true;
				continue;
			}
			if (this.off(rule, Infinity)) continue;
			const level = this.levels.get(rule) as Severity;
			const stops = this.state.budget.stops;
			const hits = rule.checkDocument!(docCtx);
			if (this.state.budget.stops !== stops) this.stopped.set(rule, 0);
			for (const hit of hits) {
				this.findings.push(
					toFinding(this.model, this.model.paragraphs[hit.paragraph], rule, hit, hit.severity && level === rule.meta.severity ? hit.severity : level),
				);
			}
		}
	}

	/** The paragraph's term matches and opened gates, kept from an earlier lint when the cache has them. */
	private entryFor(paragraph: Paragraph): ParagraphEntry {
		const cache = this.cache;
		if (!cache) {
			return { byRule: groupByRule(this.ruleset.automaton.search(paragraph.text)), opened: this.ruleset.gates.present(paragraph.text), hits: new Map() };
		}
		const key = `${this.keyPrefix}${paragraph.kind}\u0000${paragraph.datelineLength}\u0000${paragraph.layoutKey()}\u0000${paragraph.text}`;
		let entry = cache.get(key);
		if (entry) {
			// Most recently used last, so that the oldest entries go first.
			cache.delete(key);
		} else {
			entry = { byRule: groupByRule(this.ruleset.automaton.search(paragraph.text)), opened: this.ruleset.gates.present(paragraph.text), hits: new Map() };
		}
		cache.set(key, entry);
		if (cache.size > cacheLimit) {
			cache.delete(cache.keys().next().value!);
		}
		return entry;
	}

	/** Runs the rule's onTerms with `matches`, or its check without; reuses kept hits. */
	private run(ctx: ParagraphContext, paragraph: Paragraph, entry: ParagraphEntry, rule: CompiledRule, matches?: TermMatch<CompiledRule>[]): void {
		if (this.off(rule, paragraph.index)) return;
		const kept = entry.hits.get(rule);
		if (kept) {
			this.emit(paragraph, rule, kept);
			return;
		}
		this.reads.outside = false;
		const stops = this.state.budget.stops;
		const problems = this.state.problems.length;
		const hits = matches
			? rule.onTerms!(ctx, rule.meta.kind === 'order' ? [...matches].sort((a, b) => a.start - b.start) : longestMatches(matches))
			: rule.check!(ctx);
		if (this.state.budget.stops !== stops) {
			// Stopped by the budget: what it found so far is shown, nothing is kept, and the rule is off from here on.
			this.stopped.set(rule, paragraph.index);
		} else if (this.cache && !this.reads.outside && this.state.problems.length === problems) {
			// Kept only when the run read nothing outside the paragraph's key and reported no problem
			// (a problem is reported by the run that meets it, so that run must happen again).
			entry.hits.set(rule, hits);
		}
		this.emit(paragraph, rule, hits);
	}

	/** One finding per rule the budget stopped, at the paragraph where it was stopped. */
	budgetFindings(): Finding[] {
		const budget = this.state.budget;
		return [...this.stopped].map(([rule, index]): Finding => {
			const paragraph = this.model.paragraphs[index];
			const at = paragraph ? paragraph.toSourceStart(0) : 0;
			const position = this.model.lines.positionAt(at);
			const { id, file, line } = rule.meta;
			return {
				ruleId: budgetRuleId,
				category: rule.meta.category,
				severity: 'warning',
				message: `规则 ${id}（${file}:${line}）的正则表达式用完了本文档的时间预算（共 ${budget.totalMs} 毫秒，每段至多 ${budget.perCallMs} 毫秒），已在本文档中停用；请改写该表达式（不用先行断言和反向引用即由线性时间引擎运行）`,
				text: '',
				range: { start: position, end: position },
				fixes: [],
				certain: false,
				offset: { start: at, end: at },
			};
		});
	}

	private emit(paragraph: Paragraph, rule: CompiledRule, hits: Hit[]): void {
		const level = this.levels.get(rule) as Severity;
		for (const hit of hits) {
			this.findings.push(toFinding(this.model, paragraph, rule, hit, hit.severity && level === rule.meta.severity ? hit.severity : level));
		}
	}
}

export function lintModel(model: DraftModel, options: LintOptions): LintResult {
	const { ruleset, segmenter } = options;
	const caches = options.caches ?? new LintCaches();
	const levels = caches.levels(ruleset, options.config ?? { rules: {}, categories: {} });
	const canSegment = segmenter !== undefined && segmenter.load();
	const ruleOptions = options.ruleOptions ?? {};
	// A batch run (reuse: false), or a lint without caches, keeps no paragraph for a next lint.
	const cache = options.reuse === false || !options.caches ? undefined : caches.paragraphCache(ruleset);
	const keyPrefix = cache ? `${optionsKey(ruleOptions)}\u0000${canSegment ? segmenter!.generation : -1}\u0000` : '';
	const run = new DraftRun(
		model,
		ruleset,
		levels,
		caches,
		canSegment ? segmenter : undefined,
		ruleOptions,
		cache,
		keyPrefix,
		new PatternBudget(options.patternBudget),
		options.stoppedRules,
	);
	for (const paragraph of model.paragraphs) {
		run.paragraph(paragraph);
	}
	run.document();
	let findings = run.findings;
	const partial = run.partial;

	findings.sort(
		(a, b) =>
			a.offset.start - b.offset.start ||
			a.offset.end - b.offset.end ||
			severityRank[a.severity] - severityRank[b.severity] ||
			(a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
	);
	if (options.filter) {
		findings = options.filter(findings, model);
	}
	const max = options.maxFindings;
	if (max !== undefined && findings.length > max) {
		const left = findings.length - max;
		findings.length = max;
		const at = findings[max - 1].range.end;
		findings.push({
			ruleId: 'newsproof-limit',
			category: 'typography',
			severity: 'info',
			message: `问题过多，本文件另有 ${left} 处未列出（上限 ${max} 处）`,
			text: '',
			range: { start: at, end: at },
			fixes: [],
			certain: false,
			offset: { start: findings[max - 1].offset.end, end: findings[max - 1].offset.end },
		});
	}
	run.remember();
	// Outside the cap: a rule that was switched off is always said.
	const stopped = run.budgetFindings();
	if (stopped.length) {
		findings.push(...stopped);
		findings.sort((a, b) => a.offset.start - b.offset.start);
	}
	return { findings, model, partial, problems: run.state.problems };
}

export function lintText(source: string, options: LintOptions): LintResult {
	return lintModel(parseDraft(source), options);
}

/** Applies edits given as offsets; where edits overlap, the later one wins and the other is dropped. */
export function applyOffsetEdits(text: string, edits: { start: number; end: number; newText: string }[]): string {
	const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
	const kept: { start: number; end: number; newText: string }[] = [];
	let floor = Infinity;
	for (const e of sorted) {
		if (e.end > floor) {
			continue;
		}
		kept.push(e);
		floor = e.start;
	}
	// One pass from the start: thousands of edits to a long draft cost one copy, not one each.
	const parts: string[] = [];
	let at = 0;
	for (let i = kept.length - 1; i >= 0; i--) {
		const e = kept[i];
		parts.push(text.slice(at, e.start), e.newText);
		at = e.end;
	}
	parts.push(text.slice(at));
	return parts.join('');
}
