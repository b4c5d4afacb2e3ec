// The time a document's newsroom patterns may spend on JavaScript's backtracking engine.
// Patterns that run on RE2 (see re2Source) take linear time and are not counted; the
// few that cannot (a lookahead, a back-reference) share one budget per lint of a document,
// and each run may take at most `perCallMs` of what is left. A run that reaches its limit
// is stopped; the lint then switches its rule off for the rest of the document and says so
// once (see lint.ts). Time is read from `clock`, which a test may replace with a counter.

export interface BudgetOptions {
	/** Time all backtracking patterns may take on one document, in milliseconds. */
	totalMs?: number;
	/** Time one pattern may take on one paragraph, within what is left of the total. */
	perCallMs?: number;
	/** Milliseconds from some fixed point; performance.now by default. */
	clock?: () => number;
}

export const defaultBudget = { totalMs: 1000, perCallMs: 250 };

export class PatternBudget {
	readonly totalMs: number;
	readonly perCallMs: number;
	private readonly clock: () => number;
	private spent = 0;
	/** Runs stopped by their limit or refused for want of time; a lint compares it before and after a rule. */
	stops = 0;

	constructor(options: BudgetOptions = {}) {
		this.totalMs = options.totalMs ?? defaultBudget.totalMs;
		this.perCallMs = options.perCallMs ?? defaultBudget.perCallMs;
		this.clock = options.clock ?? (() => performance.now());
	}

	get remainingMs(): number {
		return Math.max(0, this.totalMs - this.spent);
	}

	/**
	 * Runs `work` with the time it may take (it must stop itself when that passes, and say
	 * whether it did). True when the run was stopped or refused: its results are incomplete.
	 */
	measure(work: (allowedMs: number) => boolean): boolean {
		const allowed = Math.min(this.perCallMs, this.remainingMs);
		if (allowed <= 0) {
			this.stops++;
			return true;
		}
		const start = this.clock();
		const interrupted = work(allowed);
		const took = Math.max(0, this.clock() - start);
		this.spent += took;
		// A run that used all it was given is stopped even if it ended just in time.
		if (interrupted || took >= allowed) {
			this.stops++;
			return true;
		}
		return false;
	}
}
