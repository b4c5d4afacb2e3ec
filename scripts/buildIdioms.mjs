// Builds rules/typ-idioms.yaml, the data of TYP-600: four-character idioms and fixed phrases
// written with one wrong character (一如继往 -> 一如既往). Run by hand when the inputs change;
// the output is rule data and is committed, the inputs are not shipped.
//
//   node scripts/buildIdioms.mjs --lm ../shared/lm-corpus --confusion ../shared/confusion-sets
//
// Idioms: the four-character entries of jieba's dictionary tagged `i`, from --min-freq up
// (the dictionary also tags some plain phrases `i` at its lowest frequency), and those below
// it that the news language-model corpus uses at least --min-count times. Wrong characters:
// each character's homophones of any tone (pinyin input ignores tones) and look-alikes from
// the pycorrector confusion sets (Apache-2.0), limited to characters the corpus uses at least
// --min-char times (an input method offers common characters) and to characters that are not
// words of their own (信心是足的 is grammatical). A variant is left alone when it is a word of
// jieba's dictionary, two words side by side (歪曲史实), another idiom, a form a hand-written
// rule already reports, or a string the corpus holds: a form edited news prints is no typo.
// The rule kind (kinds/check/idiom.ts) makes the same variants at run time from the shipped
// idioms and substitutes, and skips the shipped exceptions.

import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
	options: {
		lm: { type: 'string', default: join(root, '..', 'shared', 'lm-corpus') },
		confusion: { type: 'string', default: join(root, '..', 'shared', 'confusion-sets') },
		'min-count': { type: 'string', default: '10' },
		pairs: { type: 'string' },
		'min-char': { type: 'string', default: '200' },
		'min-freq': { type: 'string', default: '10' },
		tones: { type: 'string', default: 'any' },
		shapes: { type: 'boolean', default: true },
		out: { type: 'string', default: join(root, 'rules', 'typ-idioms.yaml') },
	},
});
const minCount = Number(values['min-count']);
const minChar = Number(values['min-char']);
const minFreq = Number(values['min-freq']);

const isHan = (c) => /^[\u3400-\u9fff]$/.test(c);

// jieba's dictionary: every word (a variant that is a word is no typo) and the idioms.
const words = new Set();
const idioms = [];
for (const line of readFileSync(join(root, 'node_modules', 'nodejieba', 'submodules', 'cppjieba', 'dict', 'jieba.dict.utf8'), 'utf8').split('\n')) {
	const [word, freq, tag] = line.split(' ');
	if (!word) continue;
	words.add(word);
	// The dictionary tags some plain phrases `i` at its lowest frequency (彻底解决, 待在家里).
	if (tag === 'i' && word.length === 4 && [...word].every(isHan)) idioms.push({ word, freq: Number(freq) });
}

// The corpus, read once: character counts and the four-character windows that matter.
const corpus = readdirSync(values.lm)
	.filter((f) => f.endsWith('.txt.xz'))
	.sort()
	.map((f) => execFileSync('xz', ['-dc', join(values.lm, f)], { encoding: 'utf8', maxBuffer: 1 << 30 }))
	.join('\n');
const charCount = new Map();
for (const c of corpus) charCount.set(c, (charCount.get(c) ?? 0) + 1);
const common = (c) => (charCount.get(c) ?? 0) >= minChar;

/** Occurrences of each string of `wanted` in the corpus (all are four characters long). */
function countWindows(wanted) {
	const counts = new Map();
	for (let i = 0; i + 4 <= corpus.length; i++) {
		const w = corpus.slice(i, i + 4);
		if (wanted.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
	}
	return counts;
}

const idiomCounts = countWindows(new Set(idioms.map((i) => i.word)));
// The dictionary's idioms, and the phrases it tags so at its lowest frequency when news uses them often.
const used = idioms.filter((i) => i.freq >= minFreq || (idiomCounts.get(i.word) ?? 0) >= minCount).map((i) => i.word);

// Confusion sets: homophones of any tone, and look-alikes.
const confusable = new Map();
const link = (a, b) => {
	if (a === b || !isHan(a) || !isHan(b)) return;
	if (!confusable.has(a)) confusable.set(a, new Set());
	confusable.get(a).add(b);
};
for (const line of readFileSync(join(values.confusion, 'same_pinyin.txt'), 'utf8').split('\n').slice(1)) {
	const [c, same = '', other = ''] = line.split('\t');
	if (!c) continue;
	for (const d of values.tones === 'same' ? [...same] : [...same, ...other]) {
		link(c, d);
		link(d, c);
	}
}
for (const line of values.shapes ? readFileSync(join(values.confusion, 'same_stroke.txt'), 'utf8').split('\n') : []) {
	const group = [...line.replace(/[\s,，]/g, '')].filter(isHan);
	for (const a of group) for (const b of group) link(a, b);
}

/** Characters so common as words of their own that a phrase built with one is usually grammatical (信心是足的). */
const functionChars = new Set('的地得了着过是在和与及而或这那其之以为被把对从向到于上下中个们等说有也就都又还很最更已'.split(''));

// Pairs the hand-written rules already hold stay theirs.
const handWritten = new Set();
for (const f of readdirSync(join(root, 'rules')).filter((f) => f.endsWith('.yaml') && f !== 'typ-idioms.yaml')) {
	for (const m of readFileSync(join(root, 'rules', f), 'utf8').matchAll(/[\u3400-\u9fff]{4}/g)) handWritten.add(m[0]);
}

// Every one-character variant of every idiom news uses, as the rule kind makes them at run
// time: the substitutes it may use are shipped, and so are the variants it must leave alone.
const usedSet = new Set(used);
const shipped = new Map();
const candidates = new Set();
const exceptions = new Set();
for (const idiom of used) {
	const chars = [...idiom];
	chars.forEach((c) => {
		for (const d of confusable.get(c) ?? []) {
			if (!common(d) || functionChars.has(d)) continue;
			if (!shipped.has(c)) shipped.set(c, new Set());
			shipped.get(c).add(d);
		}
	});
}
for (const idiom of used) {
	const chars = [...idiom];
	chars.forEach((c, k) => {
		for (const d of shipped.get(c) ?? []) {
			const v = chars.map((x, j) => (j === k ? d : x)).join('');
			// A word, or two words side by side (歪曲史实), is a phrase of its own, not a broken idiom.
			if (words.has(v) || (words.has(v.slice(0, 2)) && words.has(v.slice(2))) || handWritten.has(v) || usedSet.has(v)) exceptions.add(v);
			else candidates.add(v);
		}
	});
}
const seen = countWindows(candidates);
for (const v of seen.keys()) exceptions.add(v);
const pairs = [...candidates].filter((v) => !seen.has(v));

const block = (items, perLine) => {
	const lines = [];
	for (let i = 0; i < items.length; i += perLine) lines.push(`      ${items.slice(i, i + perLine).join(' ')}`);
	return lines.join('\n');
};
const sortedIdioms = [...used].sort();
const header = `# yaml-language-server: $schema=./schema/rules.schema.json
# Generated by scripts/buildIdioms.mjs: ${used.length} idioms and fixed four-character phrases of
# jieba's dictionary (MIT), with their homophones and look-alikes from the pycorrector confusion
# sets (Apache-2.0, github.com/shibing624/pycorrector; licence in rules/LICENSE-pycorrector).
# Edit the script, not this file.
family: TYP
title: 成语误字
category: typo
severity: warning
rules:
  - id: TYP-600
    kind: idiom
    message: 成语“{replace}”误写作“{found}”
    explain: 成语和固定四字格的字形是定型的，同音字、形近字替换一个字就成了错别字（一如继往、迫不急待）。本表收词典中的常用成语和新闻常用的四字格，逐字换入同音、形近的常用字；换后在词典中成词、拆成两个词仍通顺，或在三千多万字的新闻语料中出现过的写法都不报，出现在词语中间的也不报。
    source: [jieba 词典（成语）, pycorrector 混淆集, 新闻语料统计]
    examples:
      bad:
        - { text: 各部门要协调一至地推进这项工作。, fixed: 各部门要协调一致地推进这项工作。 }
        - { text: 乡亲们对新政策赞不决口。, fixed: 乡亲们对新政策赞不绝口。 }
      good: [各部门要协调一致地推进这项工作。, 乡亲们对新政策赞不绝口。, 这是在歪曲史实。]
    idioms: >-
${block(sortedIdioms, 16)}
    confusable:
${[...shipped]
	.sort((a, b) => (a[0] < b[0] ? -1 : 1))
	.map(([c, set]) => `      ${c}: ${[...set].sort().join('')}`)
	.join('\n')}
    except: >-
${block([...exceptions].sort(), 16)}
`;
if (values.pairs) writeFileSync(values.pairs, pairs.map((v) => `${v}\n`).join(''));
writeFileSync(values.out, header);
console.log(
	`${used.length} idioms, ${shipped.size} characters with substitutes, ${candidates.size + exceptions.size} variants, ${exceptions.size} left alone, ${pairs.length} reported`,
);
