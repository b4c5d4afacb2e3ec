import type { checkSync as CheckSync, Diagnostics } from 'recheck';

// The patterns that must stay on JavaScript's backtracking engine (a lookahead, a
// back-reference: see re2Source) are judged when their rule file loads, by recheck, a ReDoS
// checker that analyses the pattern's automaton and fuzzes it for super-linear inputs. Only
// its pure JavaScript backend is used: nothing native is run and no Java, and it works
// offline, bundled, under --no-addons and in worker threads.

export type Verdict =
	| { status: 'safe' }
	| { status: 'vulnerable'; complexity: 'exponential' | 'polynomial'; attack: string }
	/** The checker could not decide in time (or does not know a construct): allowed, under the budget. */
	| { status: 'unknown'; reason: string };

/**
 * Time the checker may take on one pattern: 1 s, or NEWSPROOF_REGEX_CHECK_MS (a slow machine,
 * a test that must not depend on the machine's speed). An undecided pattern is allowed and
 * runs under the budget.
 */
export function checkTimeoutMs(): number {
	const given = Number(process.env.NEWSPROOF_REGEX_CHECK_MS);
	return Number.isFinite(given) && given > 0 ? given : 1000;
}

let checkSync: typeof CheckSync | undefined;
function checker(): typeof CheckSync {
	// 2.9 MB of code: loaded only when a rule file holds a pattern that needs it.
	checkSync ??= (require('recheck') as { checkSync: typeof CheckSync }).checkSync;
	return checkSync;
}

/** Verdicts by flags and source, for a process or thread: a rule file loaded again is not checked again. */
const verdicts = new Map<string, Verdict>();

function verdictOf(d: Diagnostics): Verdict {
	if (d.status === 'safe') return { status: 'safe' };
	if (d.status === 'vulnerable') return { status: 'vulnerable', complexity: d.complexity.type, attack: d.attack.pattern };
	return { status: 'unknown', reason: d.error.kind === 'timeout' ? '判定超时' : 'message' in d.error ? d.error.message : d.error.kind };
}

/** recheck's verdict on a pattern (for JavaScript's engine, with these flags). */
export function judge(source: string, flags: string): Verdict {
	const timeout = checkTimeoutMs();
	// An answer of "undecided in time" holds for that time only.
	const key = `${timeout}\u0000${flags}\u0000${source}`;
	const known = verdicts.get(key);
	if (known) return known;
	// The pure backend is chosen per call by this variable; the others would start a Java
	// or native process. A worker thread has its own copy of process.env.
	const before = process.env.RECHECK_SYNC_BACKEND;
	process.env.RECHECK_SYNC_BACKEND = 'pure';
	let verdict: Verdict;
	try {
		verdict = verdictOf(checker()(source, flags, { timeout }));
	} catch (err) {
		verdict = { status: 'unknown', reason: (err as Error).message };
	} finally {
		if (before === undefined) delete process.env.RECHECK_SYNC_BACKEND;
		else process.env.RECHECK_SYNC_BACKEND = before;
	}
	if (verdicts.size > 5000) verdicts.clear();
	verdicts.set(key, verdict);
	return verdict;
}
