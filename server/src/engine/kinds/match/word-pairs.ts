import type { Finding } from '../../types';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import type { WordIndex } from '../../segmenter';
import { certain, params, type Static, text, Type } from '../support/params';
import { alreadyCorrect } from './replace';

// Wrong -> right pairs where each wrong form has its own correction (既使 → 即使, 即然 →
// 既然), and the newsroom's own pairs from config `typos:`. Matches must fall on word
// boundaries, so that 了望 inside 除了望着 stays quiet.

const pairParam = Type.Object(
	{
		find: text(),
		replace: Type.String(),
		/** A pattern tested on the rest of the sentence after the match; when it matches, the pair stays quiet. */
		unlessAfter: Type.Optional(Type.String({ description: '句中匹配之后的文字符合此正则时不报。' })),
	},
	{ additionalProperties: false },
);
export type WordPair = Static<typeof pairParam>;

export const wordPairsParams = params({
	pairs: Type.Optional(Type.Array(pairParam, { minItems: 1, description: '错误形式与各自的正确形式。' })),
	fromConfig: Type.Optional(Type.Boolean({ description: '从配置 typos 读取易混词。' })),
	certain: certain(),
});

function hitFor(text: string, start: number, pair: WordPair, words: WordIndex | undefined, certain = true): Hit | undefined {
	const end = start + pair.find.length;
	if (alreadyCorrect(text, start, end, pair.replace, pair.find)) {
		return undefined;
	}
	if (words && !words.spansWords(start, end)) {
		return undefined;
	}
	if (pair.unlessAfter && new RegExp(pair.unlessAfter).test(/^[^。！？；]*/.exec(text.slice(end))![0])) {
		return undefined;
	}
	return { start, end, slots: { found: pair.find, replace: pair.replace }, fixes: [{ title: `改为“${pair.replace}”`, text: pair.replace }], certain };
}

export const wordPairs: Kind = {
	name: 'word-pairs',
	params: wordPairsParams,
	defaultMessage: '“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as Static<typeof wordPairsParams>;
		if (p.fromConfig === true) {
			// The pairs arrive with each run (RuleOptions.typos), so they are searched per paragraph.
			return {
				meta,
				paragraphKinds: ['body', 'headline'],
				needsWords: true,
				check(ctx) {
					const pairs = ctx.options.typos ?? [];
					const text = ctx.paragraph.text;
					const hits: Hit[] = [];
					for (const pair of pairs) {
						if (!pair.find) continue;
						for (let at = text.indexOf(pair.find); at >= 0; at = text.indexOf(pair.find, at + 1)) {
							const hit = hitFor(text, at, pair, ctx.words());
							if (hit) hits.push(hit);
						}
					}
					return hits;
				},
			};
		}
		if (!p.pairs?.length) {
			throw new RuleDataError('word-pairs 规则需要 pairs（find、replace 成对的列表）或 fromConfig: true', 'pairs');
		}
		for (const pair of p.pairs) {
			if (pair.unlessAfter) {
				try {
					new RegExp(pair.unlessAfter);
				} catch (err) {
					throw new RuleDataError(`“${pair.find}”的 unlessAfter 不是有效的正则表达式：${(err as Error).message}`, 'pairs');
				}
			}
		}
		const byFind = new Map(p.pairs.map((pair) => [pair.find, pair]));
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: true,
			terms: [...byFind.keys()],
			onTerms(ctx, matches) {
				const hits: Hit[] = [];
				for (const m of matches) {
					const hit = hitFor(ctx.paragraph.text, m.start, byFind.get(m.term)!, ctx.words(), p.certain !== false);
					if (hit) hits.push(hit);
				}
				return hits;
			},
		};
	},
};

/**
 * Drops typo findings that fall inside a word the newsroom accepts (config `accept:`).
 * Accepted words are matched in the source with layout breaks allowed between characters,
 * since an OCR column may break a word across lines.
 */
export function withoutAccepted(source: string, findings: Finding[], accept: string[]): Finding[] {
	if (!accept.length) {
		return findings;
	}
	const spans: [number, number][] = [];
	for (const word of accept) {
		const chars = [...word].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
		if (!chars.length) continue;
		for (const m of source.matchAll(new RegExp(chars.join('\\s*'), 'g'))) {
			spans.push([m.index, m.index + m[0].length]);
		}
	}
	return findings.filter((f) => f.category !== 'typo' || !spans.some(([s, e]) => s <= f.offset.start && f.offset.end <= e));
}
