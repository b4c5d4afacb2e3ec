import * as assert from 'node:assert/strict';
import { fastHan, han, hanRanges, withHanRanges } from '../../server/src/engine/chars';
import { compileUserPattern } from '../../server/src/engine/safeRegex';

// Han spelled as ranges must match what \p{Script=Han} matches: every code point is checked.
// The one difference allowed is by design: unassigned code points of the two ideographic
// planes (U+20000-U+3FFFF), which no text holds, are inside the ranges.

describe('Han as ranges', () => {
	it('matches exactly the Script=Han code points, plus unassigned ones of the ideographic planes', () => {
		const ranges = new RegExp(`^${han}$`, 'u');
		const property = /^\p{Script=Han}$/u;
		const unassigned = /^\p{Cn}$/u;
		let hanCount = 0;
		for (let cp = 0; cp <= 0x10ffff; cp++) {
			if (cp >= 0xd800 && cp <= 0xdfff) continue;
			const ch = String.fromCodePoint(cp);
			const expected = property.test(ch);
			if (expected) hanCount++;
			const got = ranges.test(ch);
			if (got !== expected) {
				assert.ok(got && cp >= 0x20000 && cp <= 0x3ffff && unassigned.test(ch), `U+${cp.toString(16).toUpperCase()}: ranges ${got}, Script=Han ${expected}`);
			}
		}
		assert.ok(hanCount > 90000, `${hanCount} Han code points`);
	});

	it('rewrites \\p{Script=Han} alone and inside a class, and nothing else', () => {
		assert.equal(withHanRanges('a\\p{Script=Han}{2}'), `a${han}{2}`);
		assert.equal(withHanRanges('[\\p{Script=Han}0-9]+'), `[${hanRanges}0-9]+`);
		assert.equal(withHanRanges('[^\\p{Script=Han}]'), `[^${hanRanges}]`);
		// An escaped backslash before p{…} is a backslash and a p, not the property.
		assert.equal(withHanRanges('\\\\p{Script=Han}'), '\\\\p{Script=Han}');
		assert.equal(withHanRanges('\\P{Script=Han}'), '\\P{Script=Han}');
		assert.equal(withHanRanges('[\\]]\\p{Script=Han}'), `[\\]]${han}`);
		assert.equal(withHanRanges('abc'), 'abc');
	});

	it('finds the same matches as the property, astral characters and 〇 々 included', () => {
		const text = '𠮷野家的老板 张三丰、〇号线 々々 ·扎伊德·侯赛因 记者 王赛华 李磊 a1 2021年 豈 ⺀ 𪚥𪚥𪚥 記者';
		const patterns = [
			/\p{Script=Han}+/gu,
			/(?<=\p{Script=Han})\s+(?=[\p{Script=Han}0-9])/gu,
			/(?:记者|通讯员)\s*(?:\p{Script=Han}{1,4}\s+)*\p{Script=Han}{1,4}/gu,
			/[^\p{Script=Han}\s]+/gu,
			/·\p{Script=Han}{1,8}/gu,
		];
		for (const re of patterns) {
			const all = (r: RegExp) => [...text.matchAll(r)].map((m) => `${m.index}:${m[0]}`);
			assert.deepEqual(all(fastHan(re)), all(re), re.source);
		}
	});

	it('rule patterns run with the ranges and match as written', () => {
		const source = '(?<![\\p{Script=Han}])\\p{Script=Han}{2,3}(?=记者)';
		const text = '本报 𠮷野家记者 王赛华';
		const plain = [...text.matchAll(new RegExp(source, 'gu'))].map((m) => `${m.index}:${m[0]}`);
		assert.deepEqual(
			compileUserPattern(source, { trusted: true })
				.exec(text)
				.map((m) => `${m.index}:${m[0]}`),
			plain,
		);
		assert.ok(plain.length > 0);
	});
});
