import { type Context, createContext, Script } from 'node:vm';
import { withHanRanges } from './chars';
import { PatternBudget } from './patternBudget';
import { re2js, toRe2 } from './re2Source';
import { judge } from './redos';
import { requiredLiterals, runnableSource } from './regexLiterals';
import { RuleDataError } from './rule';

// Patterns come from rule files a newsroom writes, and JavaScript's backtracking engine can
// take exponential time on shapes such as (a+)+$ or (a|aa)+$. Three defences:
// - a pattern RE2 can express (no lookahead, no back-reference) runs on re2js, a linear-time
//   engine, and needs no limit at all (re2Source writes it in RE2's syntax);
// - any other pattern is judged at load by a ReDoS checker (redos.ts); one it finds
//   vulnerable is rejected with the file and line;
// - the rest run under a V8 execution timeout, which interrupts even a regex that is
//   mid-backtrack, within the document's time budget (patternBudget.ts).
// Built-in patterns are reviewed and tested (test/reliability/hostileRules), and run directly.

const maxMatchesPerText = 10000;

export interface PatternRun {
	matches: RegExpExecArray[];
	/** True when the pattern was stopped by its time limit; the matches so far are kept. */
	timedOut: boolean;
}

/** Which engine runs a pattern: V8 directly (built-in rules), re2js, or V8 under the budget. */
export type PatternEngine = 'native' | 're2' | 'guarded';

export interface UserPattern {
	source: string;
	engine: PatternEngine;
	/** Literals one of which every match needs (see regexLiterals); undefined when none is known. */
	gate?: string[];
	/** Runs the pattern over `text`; a guarded pattern takes its time from `budget` (a fresh one when none is given). */
	run(text: string, budget?: PatternBudget): PatternRun;
	exec(text: string): RegExpExecArray[];
}

function collect(re: RegExp, text: string, max: number): RegExpExecArray[] {
	const found: RegExpExecArray[] = [];
	re.lastIndex = 0;
	let m: RegExpExecArray | null;
	while ((m = re.exec(text)) !== null) {
		if (m[0] === '') {
			re.lastIndex++;
			continue;
		}
		found.push(m);
		if (found.length >= max) break;
	}
	return found;
}

// One sandbox for all guarded patterns; it holds nothing but the regex and the text. Made on
// the first guarded run: the shipped rules never need it.
let guard: { sandbox: Context & { re: RegExp; text: string; max: number; out: RegExpExecArray[] }; scan: Script } | undefined;
function guarded(): NonNullable<typeof guard> {
	guard ??= {
		sandbox: createContext({ re: /x/g, text: '', max: 0, out: [] as RegExpExecArray[] }) as NonNullable<typeof guard>['sandbox'],
		scan: new Script(`
	out = [];
	re.lastIndex = 0;
	for (let m; (m = re.exec(text)) !== null; ) {
		if (m[0] === '') { re.lastIndex++; continue; }
		out.push(m);
		if (out.length >= max) break;
	}
`),
	};
	return guard;
}

/** Runs `re` in the sandbox for at most `ms`; true when it was stopped. */
function runGuarded(re: RegExp, text: string, ms: number, found: RegExpExecArray[]): boolean {
	const { sandbox, scan } = guarded();
	sandbox.re = re;
	sandbox.text = text;
	sandbox.max = maxMatchesPerText;
	try {
		scan.runInContext(sandbox, { timeout: Math.max(1, Math.floor(ms)) });
		return false;
	} catch (err) {
		if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') return true;
		throw err;
	} finally {
		found.push(...((sandbox.out as RegExpExecArray[]) ?? []));
		sandbox.text = '';
		sandbox.out = [];
	}
}

/** The matches of an re2js pattern, shaped as RegExp's (UTF-16 offsets, as re2js gives them). */
function re2Runner(source: string, flags: number): (text: string) => RegExpExecArray[] {
	const compiled = re2js().compile(source, flags);
	return (text) => {
		const found: RegExpExecArray[] = [];
		for (const m of compiled.matchAll(text)) {
			if (m[0] === '') continue;
			found.push(m as RegExpExecArray);
			if (found.length >= maxMatchesPerText) break;
		}
		return found;
	};
}

function rejection(source: string, flags: string): string | undefined {
	const verdict = judge(source, flags);
	if (verdict.status !== 'vulnerable') return undefined;
	const kind = verdict.complexity === 'exponential' ? '指数级' : '多项式级';
	const attack = verdict.attack.length > 60 ? `${verdict.attack.slice(0, 60)}…` : verdict.attack;
	return `正则表达式可能导致回溯失控（${kind}，如 ${attack}），请改写；不含先行断言和反向引用的表达式由线性时间引擎运行，无此问题`;
}

export function compileUserPattern(source: string, options: { trusted?: boolean; flags?: string } = {}): UserPattern {
	const flags = options.flags ?? 'u';
	let re: RegExp;
	try {
		re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
		// Valid as written; the form that runs may open with a lookahead and spell Han as
		// ranges (same matches, faster: see runnableSource and chars.ts).
		const lead = runnableSource(source, flags);
		const runnable = /[uv]/.test(flags) ? withHanRanges(lead) : lead;
		if (runnable !== source) re = new RegExp(runnable, re.flags);
	} catch (err) {
		throw new RuleDataError(`正则表达式无效：${(err as Error).message}`, 'find');
	}
	const gate = requiredLiterals(source, flags);
	if (options.trusted) {
		return {
			source,
			engine: 'native',
			gate,
			run: (text) => ({ matches: collect(re, text, maxMatchesPerText), timedOut: false }),
			exec: (text) => collect(re, text, maxMatchesPerText),
		};
	}
	// Han spelt as the ranges V8 runs, so that both engines agree on what Han is.
	const translated = toRe2(/[uv]/.test(flags) ? withHanRanges(source) : source, flags);
	if ('source' in translated) {
		let linear: ((text: string) => RegExpExecArray[]) | undefined;
		try {
			linear = re2Runner(translated.source, translated.flags);
		} catch {
			// re2js refuses some patterns it could parse (too many repeats): judged below.
		}
		if (linear) {
			const exec = linear;
			return { source, engine: 're2', gate, run: (text) => ({ matches: exec(text), timedOut: false }), exec };
		}
	}
	const rejected = rejection(source, flags);
	if (rejected) throw new RuleDataError(rejected, 'find');
	const run = (text: string, budget = new PatternBudget()): PatternRun => {
		const matches: RegExpExecArray[] = [];
		const timedOut = budget.measure((ms) => runGuarded(re, text, ms, matches));
		return { matches, timedOut };
	};
	return { source, engine: 'guarded', gate, run, exec: (text) => run(text).matches };
}
