import { RuleDataError } from './rule';

// Patterns come from rule files a newsroom writes. JavaScript's backtracking engine can
// take exponential time on nested quantifiers such as (a+)+$, so patterns are checked for
// that shape at load, and every search is bounded in matches and in time.

const maxMatchesPerText = 10000;
const maxMillisPerText = 200;

/** Rejects a quantified group whose body itself ends in an unbounded quantifier: (a+)+, (a*b*)*, (\w+\s?)+. */
export function hasNestedQuantifier(source: string): boolean {
	const stack: { quantified: boolean }[] = [];
	let lastGroupHadQuantifier = false;
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
			const group = stack.pop();
			lastGroupHadQuantifier = group?.quantified ?? false;
			const next = source[i + 1];
			if (lastGroupHadQuantifier && (next === '+' || next === '*' || (next === '{' && /^\{\d+,\d*\}/.test(source.slice(i + 1)) && !/^\{\d+,\d+\}/.test(source.slice(i + 1))))) {
				return true;
			}
			if (stack.length && lastGroupHadQuantifier) {
				stack[stack.length - 1].quantified = true;
			}
			continue;
		}
		if ((c === '+' || c === '*') && stack.length) {
			stack[stack.length - 1].quantified = true;
		}
		if (c === '{' && stack.length && /^\{\d+,\}/.test(source.slice(i))) {
			stack[stack.length - 1].quantified = true;
		}
	}
	return false;
}

export interface UserPattern {
	source: string;
	exec(text: string): RegExpExecArray[];
}

export function compileUserPattern(source: string, flags = 'u'): UserPattern {
	let re: RegExp;
	try {
		re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
	} catch (err) {
		throw new RuleDataError(`正则表达式无效：${(err as Error).message}`, 'find');
	}
	if (hasNestedQuantifier(source)) {
		throw new RuleDataError('正则表达式含嵌套的重复量词（如 (a+)+），可能导致回溯失控，请改写', 'find');
	}
	return {
		source,
		exec(text) {
			const found: RegExpExecArray[] = [];
			const started = Date.now();
			re.lastIndex = 0;
			let m: RegExpExecArray | null;
			while ((m = re.exec(text)) !== null) {
				if (m[0] === '') {
					re.lastIndex++;
					continue;
				}
				found.push(m);
				if (found.length >= maxMatchesPerText || Date.now() - started > maxMillisPerText) {
					break;
				}
			}
			return found;
		},
	};
}
