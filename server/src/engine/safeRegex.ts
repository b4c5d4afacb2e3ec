import { type Context, createContext, Script } from 'node:vm';
import { withHanRanges } from './chars';
import { requiredLiterals, runnableSource } from './regexLiterals';
import { RuleDataError } from './rule';

// Patterns come from rule files a newsroom writes. JavaScript's backtracking engine can
// take exponential time on shapes such as (a+)+$ or (a|aa)+$. Two defences: the obvious
// nested quantifiers are rejected at load with the file and line, and every pattern from
// outside the built-in rules runs under a V8 execution timeout, which interrupts even a
// regex that is mid-backtrack. Built-in patterns are reviewed and tested, and run directly.

const maxMatchesPerText = 10000;
/** Time one user pattern may spend on one paragraph. */
export const userPatternTimeoutMs = 250;

/** Rejects a quantified group whose body itself holds an unbounded quantifier: (a+)+, (a*b*)*, (\w+\s?)+. */
export function hasNestedQuantifier(source: string): boolean {
	const stack: { quantified: boolean }[] = [];
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '\\') {
			i++;
			continue;
		}
		if (c === '[') {
			while (i < source.length && source[i] !== ']') {
				if (source[i] === '\\') i++;
				i++;
			}
			continue;
		}
		if (c === '(') {
			stack.push({ quantified: false });
			continue;
		}
		if (c === ')') {
			const inner = stack.pop()?.quantified ?? false;
			const rest = source.slice(i + 1);
			const unbounded = /^(?:[+*]|\{\d+,\})/.test(rest);
			if (inner && unbounded) {
				return true;
			}
			if (stack.length && (inner || unbounded)) {
				stack[stack.length - 1].quantified = true;
			}
			continue;
		}
		if ((c === '+' || c === '*' || (c === '{' && /^\{\d+,\}/.test(source.slice(i)))) && stack.length) {
			stack[stack.length - 1].quantified = true;
		}
	}
	return false;
}

export interface PatternRun {
	matches: RegExpExecArray[];
	/** True when the pattern was stopped by its time limit; the matches so far are kept. */
	timedOut: boolean;
}

export interface UserPattern {
	source: string;
	/** Literals one of which every match needs (see regexLiterals); undefined when none is known. */
	gate?: string[];
	run(text: string): PatternRun;
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
	// Shipped patterns are checked by the test suite instead (test/reliability/hostileRules).
	if (!options.trusted && hasNestedQuantifier(source)) {
		throw new RuleDataError('正则表达式含嵌套的重复量词（如 (a+)+），可能导致回溯失控，请改写', 'find');
	}
	const run = (text: string): PatternRun => {
		if (options.trusted) {
			return { matches: collect(re, text, maxMatchesPerText), timedOut: false };
		}
		const { sandbox, scan } = guarded();
		sandbox.re = re;
		sandbox.text = text;
		sandbox.max = maxMatchesPerText;
		try {
			scan.runInContext(sandbox, { timeout: userPatternTimeoutMs });
			return { matches: Array.from(sandbox.out as RegExpExecArray[]), timedOut: false };
		} catch (err) {
			if ((err as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
				return { matches: Array.from((sandbox.out as RegExpExecArray[]) ?? []), timedOut: true };
			}
			throw err;
		} finally {
			sandbox.text = '';
			sandbox.out = [];
		}
	};
	return { source, gate: requiredLiterals(source, flags), run, exec: (text) => run(text).matches };
}
