import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRuleFiles, builtinRulesDir, type Finding, LintCaches, lintText, loadRuleset, parseDraft } from '../../server/src/engine';
import { sharedSegmenter } from '../helpers/engine';
import { pieces } from '../../server/src/engine/segmenter';

// The per-paragraph result cache must never change what is reported: after any edit, a
// lint that reuses cached paragraphs equals a lint from cold, finding for finding.

const seed = readFileSync(join(builtinRulesDir(), '..', 'seeds', '000_0d5ab8225625b065.txt'), 'utf8');
const ruleset = loadRuleset(builtinRuleFiles());
sharedSegmenter.addWords(ruleset.words);

/** What an engine keeps between lints; a new one is a cold start. */
let caches = new LintCaches();

function lint(text: string): Finding[] {
	return lintText(text, { ruleset, segmenter: sharedSegmenter, caches, ruleOptions: { path: '/drafts/page.txt' } }).findings;
}

function cold(text: string): Finding[] {
	caches = new LintCaches();
	return lint(text);
}

/** A fixed sequence of pseudo-random numbers, so that every run makes the same edits. */
function random(seedValue: number): () => number {
	let a = seedValue >>> 0;
	return () => {
		a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
		return a / 4294967296;
	};
}

describe('per-paragraph lint cache', () => {
	it('gives the sample page the same findings warm as cold', () => {
		const first = cold(seed);
		assert.ok(first.length >= 9, `the sample page has its known findings (${first.length})`);
		assert.deepEqual(lint(seed), first);
	});

	it('matches a cold lint after each of 60 scattered single-character edits', () => {
		const next = random(8);
		const inserts = '的地得，。、 （）“”年月日0123456789记者社区';
		let text = seed;
		lint(text);
		for (let i = 0; i < 60; i++) {
			const at = Math.floor(next() * text.length);
			if (i % 3 === 2 && !/[\ud800-\udfff]/.test(text[at])) {
				text = text.slice(0, at) + text.slice(at + 1);
			} else {
				text = text.slice(0, at) + inserts[Math.floor(next() * inserts.length)] + text.slice(at);
			}
			const warm = lint(text);
			assert.deepEqual(warm, cold(text), `edit ${i} at ${at}`);
		}
	});

	it('re-runs a check that read another paragraph when only that paragraph changed', () => {
		// 2月29日 exists only in a leap year, and the year is written in the paragraph before.
		const draft = (year: number) => `本报讯 ${year}年全区各项工作稳步推进。\n\n2月29日，区里召开总结会议。\n`;
		const dates = (findings: Finding[]) => findings.filter((f) => f.text.includes('2月29日')).map((f) => f.ruleId);
		const in2023 = lint(draft(2023));
		assert.ok(dates(in2023).length > 0, 'flagged in 2023');
		assert.deepEqual(in2023, cold(draft(2023)));
		lint(draft(2023));
		const in2024 = lint(draft(2024));
		assert.deepEqual(dates(in2024), []);
		assert.deepEqual(in2024, cold(draft(2024)));
	});

	it('keys results by the run options as well as the text', () => {
		const a = lintText(seed, { ruleset, segmenter: sharedSegmenter, caches, ruleOptions: { path: '/a.txt' } }).findings;
		const b = lintText(seed, {
			ruleset,
			segmenter: sharedSegmenter,
			caches,
			ruleOptions: { path: '/b.txt', publicationDate: new Date('2021-12-01T00:00:00Z') },
		}).findings;
		caches = new LintCaches();
		const bCold = lintText(seed, {
			ruleset,
			segmenter: sharedSegmenter,
			caches,
			ruleOptions: { path: '/b.txt', publicationDate: new Date('2021-12-01T00:00:00Z') },
		}).findings;
		assert.deepEqual(b, bCold);
		assert.ok(a.length > 0);
	});

	it('tells apart the same text laid out with different line breaks', () => {
		const one = parseDraft('本报讯 中心城区\n违法建设治理工作稳步推进。').paragraphs[0];
		const two = parseDraft('本报讯 中心城区违\n法建设治理工作稳步推进。').paragraphs[0];
		assert.equal(one.text, two.text);
		assert.notEqual(one.layoutKey(), two.layoutKey());
	});
});

describe('segmentation of long paragraphs', () => {
	const flat = seed.replace(/\s+/g, '');
	const long = flat.repeat(Math.ceil(60000 / flat.length));

	it('cuts a long text after ，or 。 into pieces that join back to it', () => {
		const parts = pieces(long);
		assert.ok(parts.length > 1);
		assert.equal(parts.join(''), long);
		for (const p of parts.slice(0, -1)) {
			assert.ok(p.length <= 10000, `piece of ${p.length}`);
			assert.match(p, /[，。]$/);
		}
	});

	it('gives a 60,000-character paragraph the words that lie on its text', () => {
		const words = sharedSegmenter.words(long);
		assert.ok(words, 'segmenter loaded');
		let covered = 0;
		for (const w of words!.words) {
			assert.equal(long.slice(w.start, w.end), w.word);
			covered += w.end - w.start;
		}
		assert.ok(covered > long.length * 0.95, `words cover ${covered} of ${long.length}`);
		// The same words as the pieces segmented one by one.
		const first = pieces(long)[0];
		const alone = sharedSegmenter.words(first)!.words.map((w) => w.word);
		assert.deepEqual(
			words!.words.slice(0, alone.length).map((w) => w.word),
			alone,
		);
	});
});
