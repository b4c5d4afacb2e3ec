import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { withHanRanges } from '../../server/src/engine/chars';
import { re2js, toRe2 } from '../../server/src/engine/re2Source';
import { builtinRuleFiles } from '../../server/src/engine';

// A newsroom pattern written in RE2's syntax must find exactly what JavaScript finds: the
// same places, the same groups, in UTF-16 offsets. Checked on every pattern of the shipped
// rules (as a body of real patterns) over their own examples, and on the places where the
// two dialects differ.

type Match = [number, string, (string | undefined)[]];

function jsMatches(source: string, text: string): Match[] {
	const re = new RegExp(source, 'gu');
	const out: Match[] = [];
	let m: RegExpExecArray | null;
	while ((m = re.exec(text)) !== null) {
		if (m[0] === '') {
			re.lastIndex++;
			continue;
		}
		out.push([m.index, m[0], [...m].slice(1)]);
	}
	return out;
}

function re2Matches(source: string, text: string): Match[] {
	const t = toRe2(withHanRanges(source), 'u');
	if (!('source' in t)) throw new Error(t.reason);
	const out: Match[] = [];
	for (const m of re2js().compile(t.source, t.flags).matchAll(text)) {
		if (m[0] === '') continue;
		out.push([m.index ?? -1, m[0], [...m].slice(1)]);
	}
	return out;
}

interface Entry {
	id: string;
	find?: unknown;
	pattern?: unknown;
	examples?: { bad?: (string | { text: string })[]; good?: string[] };
}

describe('patterns in RE2 syntax', () => {
	it('find what JavaScript finds for every shipped pattern RE2 can express, on the examples of every rule', () => {
		const entries: Entry[] = builtinRuleFiles().flatMap((f) => (parse(readFileSync(f, 'utf8')) as { rules: Entry[] }).rules);
		const texts = entries.flatMap((e) => [...(e.examples?.bad ?? []).map((b) => (typeof b === 'string' ? b : b.text)), ...(e.examples?.good ?? [])]);
		const sample = texts.join('\n');
		let translated = 0;
		let kept = 0;
		for (const e of entries) {
			for (const source of [e.find, e.pattern].flat()) {
				if (typeof source !== 'string' || !/[\\()[\]{}|+*?^$.]/.test(source)) continue;
				if (!('source' in toRe2(withHanRanges(source), 'u'))) {
					kept++;
					continue;
				}
				translated++;
				assert.deepEqual(re2Matches(source, sample), jsMatches(source, sample), `${e.id}: ${source}`);
			}
		}
		assert.ok(translated > 80, `${translated} translated, ${kept} left to JavaScript`);
	});

	it('keeps UTF-16 offsets across astral characters (𠮷)', () => {
		const text = '𠮷野家 𠮷𠮷 a𠮷b';
		for (const source of ['\\p{Script=Han}+', '[𠮷]b', '.b', '(?<=𠮷)\\p{Script=Han}', '𠮷{2}']) {
			assert.deepEqual(re2Matches(source, text), jsMatches(source, text), source);
		}
		assert.deepEqual(re2Matches('a𠮷b', text), [[10, 'a𠮷b', []]]);
		// A broken draft may hold lone surrogates: each is one character, as in JavaScript.
		const broken = 'a\ud800b 𠮷\udc00c';
		for (const source of ['b', '[^a]b', '.c', '\\p{Script=Han}.']) {
			assert.deepEqual(re2Matches(source, broken), jsMatches(source, broken), source);
		}
	});

	it('spells JavaScript’s \\s, dot, \\d, \\w and escapes with their JavaScript meaning', () => {
		const text = 'a\u3000b a\rb a\u2028b a b ９ 9 _x \t tab \u00a0 end\nnext $1.5 [x] a-b';
		for (const source of [
			'a\\sb',
			'a.b',
			'\\S+',
			'\\d',
			'[^\\s\\d]+',
			'\\w+',
			'\\W',
			'[\\w-]+',
			'\\$\\d\\.\\d',
			'\\[x\\]',
			'[\\]\\[]',
			'end$',
			'^a',
			'\\bx',
			'tab\\B',
			'[^]',
			'(?<name>\\d)\\.(\\d)',
			'a??b',
			'b{1,2}?',
			'\\u3000',
			'\\u{20BB7}',
			'[\\u4E00-\\u9FFF]',
		]) {
			assert.deepEqual(re2Matches(source, text), jsMatches(source, text), source);
		}
	});

	it('leaves to JavaScript what RE2 cannot say the same way', () => {
		for (const [source, flags] of [
			['a(?=b)', 'u'],
			['a(?!b)', 'u'],
			['(a)\\1', 'u'],
			['(?<x>a)\\k<x>', 'u'],
			['(?<=(a))b', 'u'],
			['^a', 'mu'],
			['\\w', 'iu'],
			['a', ''],
			['a', 'uy'],
			['\\p{Script_Extensions=Han}', 'u'],
			['\\ud800', 'u'],
		]) {
			assert.ok(!('source' in toRe2(source, flags)), `${source} /${flags}`);
		}
		// Lookbehinds without captures run on re2js (in linear time, with LOOKBEHINDS).
		const lb = toRe2('(?<=银行[^。]{0,10})挤对', 'u');
		assert.ok('source' in lb && lb.flags === re2js().LOOKBEHINDS);
	});
});
