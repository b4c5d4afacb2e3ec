import { existsSync, readFileSync } from 'node:fs';
import { pinyin } from 'pinyin-pro';
import { parse } from 'yaml';
import { candidateKind } from '../../server/src/engine/lm/model';

// Confusable characters for every character of the vocabulary, worked out at build time
// so that the product carries a table and no pinyin library:
//   tone      the same syllable and tone (pinyin-pro knows every reading of a polyphone)
//   syllable  the same syllable in another tone
//   fuzzy     a syllable an input method or a dialect confuses with it (zh/z, n/l, an/ang …)
//   shape     a similar shape (pycorrector's same_stroke.txt)
//   list      a pair from the typo rules (rules/typ.yaml) that differ in one character
// pycorrector's same_pinyin.txt adds its homophones to tone and syllable.

/** Readings of a character: toneless syllable and tone digit; `all` for every reading of a polyphone. */
function readings(char: string, all = true): { syllable: string; tone: string }[] {
	const out: { syllable: string; tone: string }[] = [];
	const list = all ? (pinyin(char, { multiple: true, type: 'array', toneType: 'num', v: true }) as string[]) : [pinyin(char, { toneType: 'num', v: true })];
	for (const r of list) {
		const m = /^([a-z]+)([0-5]?)$/.exec(r);
		if (m) out.push({ syllable: m[1], tone: m[2] || '5' });
	}
	return out;
}

const initials = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w'];
const fuzzyInitials: Record<string, string[]> = {
	zh: ['z'],
	z: ['zh'],
	ch: ['c'],
	c: ['ch'],
	sh: ['s'],
	s: ['sh'],
	n: ['l'],
	l: ['n', 'r'],
	r: ['l'],
	f: ['h'],
	h: ['f'],
};
const fuzzyFinals: Record<string, string[]> = {
	an: ['ang'],
	ang: ['an'],
	en: ['eng'],
	eng: ['en'],
	in: ['ing'],
	ing: ['in'],
	ian: ['iang'],
	iang: ['ian'],
	uan: ['uang'],
	uang: ['uan'],
};

/** Syllables a fuzzy input confuses with this one (one change: the initial or the final). */
export function fuzzySyllables(syllable: string): string[] {
	const initial = initials.find((i) => syllable.startsWith(i)) ?? '';
	const final = syllable.slice(initial.length);
	const out: string[] = [];
	for (const i of fuzzyInitials[initial] ?? []) out.push(i + final);
	for (const f of fuzzyFinals[final] ?? []) out.push(initial + f);
	return out;
}

export interface CandidateSource {
	/** pycorrector's confusion sets (../shared/confusion-sets), when present. */
	confusionDir?: string;
	/** Character pairs (wrong, right) from the typo rules: see listPairs and rules/lm/typo-pairs.txt. */
	pairs?: [string, string][];
}

/** Reads rules/lm/typo-pairs.txt: one pair a line, wrong and right character separated by a tab. */
export function readPairs(path: string): [string, string][] {
	return readFileSync(path, 'utf8')
		.split('\n')
		.filter((l) => l && !l.startsWith('#'))
		.map((l) => l.split('\t') as [string, string]);
}

/** Character pairs (wrong → right) from the typo rules whose two forms differ in one character. */
export function listPairs(typoRules: string): [string, string][] {
	const doc = parse(readFileSync(typoRules, 'utf8')) as { rules?: { find?: unknown; replace?: unknown; pairs?: { find: string; replace: string }[] }[] };
	const pairs: [string, string][] = [];
	const add = (find: string, replace: string) => {
		const a = [...find];
		const b = [...replace];
		if (a.length !== b.length) return;
		const diff = a.map((c, i) => (c !== b[i] ? i : -1)).filter((i) => i >= 0);
		if (diff.length === 1) pairs.push([a[diff[0]], b[diff[0]]]);
	};
	for (const rule of doc.rules ?? []) {
		for (const p of rule.pairs ?? []) add(p.find, p.replace);
		if (typeof rule.replace !== 'string') continue;
		if (Array.isArray(rule.find)) {
			for (const f of rule.find) if (typeof f === 'string') add(f, rule.replace);
		} else if (typeof rule.find === 'string') {
			// A pattern: the runs of Han characters in it as long as the replacement (启用 in
			// (?<=被)启用(?=为…) → 起用).
			const length = [...rule.replace].length;
			for (const run of rule.find.match(/\p{Script=Han}+/gu) ?? []) {
				const chars = [...run];
				for (let i = 0; i + length <= chars.length; i++) add(chars.slice(i, i + length).join(''), rule.replace);
			}
		}
	}
	return pairs;
}

/**
 * For each character, its candidates with their kinds (bits of candidateKind). Only
 * characters in `allowed` (the vocabulary, frequent enough to be meant) are offered.
 */
export function confusables(chars: string[], allowed: Set<string>, source: CandidateSource): Map<string, Map<string, number>> {
	const bySyllable = new Map<string, { char: string; tone: string }[]>();
	// A candidate is what the writer meant, typed by its usual reading: 参 is offered for 餐
	// (can), not for 散 through its rare reading san. The character on the page may be any
	// reading of what the input method listed.
	for (const c of allowed) {
		const r = readings(c, false);
		for (const { syllable, tone } of r) {
			const list = bySyllable.get(syllable) ?? [];
			list.push({ char: c, tone });
			bySyllable.set(syllable, list);
		}
	}
	const out = new Map<string, Map<string, number>>();
	const add = (from: string, to: string, kind: number) => {
		if (from === to || !allowed.has(to)) return;
		let m = out.get(from);
		if (!m) out.set(from, (m = new Map()));
		m.set(to, (m.get(to) ?? 0) | kind);
	};
	for (const c of chars) {
		for (const { syllable, tone } of readings(c)) {
			for (const other of bySyllable.get(syllable) ?? []) add(c, other.char, other.tone === tone ? candidateKind.tone : candidateKind.syllable);
			for (const s of fuzzySyllables(syllable)) for (const other of bySyllable.get(s) ?? []) add(c, other.char, candidateKind.fuzzy);
		}
	}
	const wanted = new Set(chars);
	if (source.confusionDir && existsSync(`${source.confusionDir}/same_pinyin.txt`)) {
		for (const line of readFileSync(`${source.confusionDir}/same_pinyin.txt`, 'utf8').split('\n')) {
			if (line.startsWith('#')) continue;
			const [c, same, other] = line.split('\t');
			if (!c || !wanted.has(c.trim())) continue;
			// pycorrector's lists are looser than the readings above (散/参, 长/场 in other tones):
			// what pinyin-pro does not confirm counts as a similar syllable.
			for (const d of [...(same ?? '').trim(), ...(other ?? '').trim()]) add(c.trim(), d, candidateKind.fuzzy);
		}
	}
	if (source.confusionDir && existsSync(`${source.confusionDir}/same_stroke.txt`)) {
		for (const line of readFileSync(`${source.confusionDir}/same_stroke.txt`, 'utf8').split('\n')) {
			const group = line.split(/[\s,，]+/).filter((g) => [...g].length === 1);
			for (const a of group) if (wanted.has(a)) for (const b of group) add(a, b, candidateKind.shape);
		}
	}
	if (source.pairs) {
		const pairs = source.pairs;
		for (const [a, b] of pairs) if (wanted.has(a)) add(a, b, candidateKind.list);
		// Where a rule corrects a to b, b is the deliberate form: never offer a for it (起用 stays).
		for (const [a, b] of pairs) out.get(b)?.delete(a);
	}
	return out;
}
