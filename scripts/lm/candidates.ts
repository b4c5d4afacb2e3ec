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

/** Readings of a character: toneless syllable and tone digit. */
function readings(char: string): { syllable: string; tone: string }[] {
	const out: { syllable: string; tone: string }[] = [];
	for (const r of pinyin(char, { multiple: true, type: 'array', toneType: 'num', v: true }) as string[]) {
		const m = /^([a-z]+)([0-5]?)$/.exec(r);
		if (m) out.push({ syllable: m[1], tone: m[2] || '5' });
	}
	return out;
}

const initials = ['zh', 'ch', 'sh', 'b', 'p', 'm', 'f', 'd', 't', 'n', 'l', 'g', 'k', 'h', 'j', 'q', 'x', 'r', 'z', 'c', 's', 'y', 'w'];
const fuzzyInitials: Record<string, string[]> = { zh: ['z'], z: ['zh'], ch: ['c'], c: ['ch'], sh: ['s'], s: ['sh'], n: ['l'], l: ['n', 'r'], r: ['l'], f: ['h'], h: ['f'] };
const fuzzyFinals: Record<string, string[]> = { an: ['ang'], ang: ['an'], en: ['eng'], eng: ['en'], in: ['ing'], ing: ['in'], ian: ['iang'], iang: ['ian'], uan: ['uang'], uang: ['uan'] };

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
	/** rules/typ.yaml. */
	typoRules?: string;
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
		if (Array.isArray(rule.find) && typeof rule.replace === 'string') {
			for (const f of rule.find) if (typeof f === 'string') add(f, rule.replace);
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
	const readingsOf = new Map<string, { syllable: string; tone: string }[]>();
	for (const c of allowed) {
		const r = readings(c);
		readingsOf.set(c, r);
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
		for (const { syllable, tone } of readingsOf.get(c) ?? readings(c)) {
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
			for (const d of [...(same ?? '').trim()]) add(c.trim(), d, candidateKind.tone);
			for (const d of [...(other ?? '').trim()]) add(c.trim(), d, candidateKind.syllable);
		}
	}
	if (source.confusionDir && existsSync(`${source.confusionDir}/same_stroke.txt`)) {
		for (const line of readFileSync(`${source.confusionDir}/same_stroke.txt`, 'utf8').split('\n')) {
			const group = line.split(/[\s,，]+/).filter((g) => [...g].length === 1);
			for (const a of group) if (wanted.has(a)) for (const b of group) add(a, b, candidateKind.shape);
		}
	}
	if (source.typoRules && existsSync(source.typoRules)) {
		for (const [a, b] of listPairs(source.typoRules)) if (wanted.has(a)) add(a, b, candidateKind.list);
	}
	return out;
}
