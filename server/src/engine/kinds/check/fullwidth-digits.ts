import { toHalfwidth } from '../../chars';
import type { CompiledRule, DocumentHit, Kind, RuleEntry, RuleMeta } from '../../rule';
import type { DraftModel, ParagraphKind } from '../../textModel';
import { paragraphs, params, type Static, Type } from '../support/params';

// NUM-021: ２０２５年 for 2025年. A story typed with a full-width input mode writes every
// number full-width; one finding per number would bury the rest of the story, so such a
// story gets one summary finding on its first number, and each other number keeps its
// certain fix at hint level (fix all still converts them all). A story that mixes the two
// widths has slips, reported one by one at the rule's level.

const fullwidthNumber = /[０-９]+(?:[．.][０-９]+)?/g;
const halfwidthDigit = /[0-9]/;
const summary = '本篇阿拉伯数字均为全角（共{count}处），应改为半角：“{found}”应为“{replace}”；其余各处可一并修正';

/** The story each paragraph belongs to; a headline goes with the story that follows it, loose text with none (-1). */
function storyOfEach(model: DraftModel): number[] {
	const stories = model.paragraphs.map((p) => p.story);
	for (let i = stories.length - 2; i >= 0; i--) {
		if (stories[i] < 0 && model.paragraphs[i].kind === 'headline') stories[i] = stories[i + 1];
	}
	return stories;
}

export const fullwidthDigitsParams = params({ in: Type.Optional(paragraphs({ description: '检查的段落种类（默认正文与标题）。' })) });

export const fullwidthDigits: Kind = {
	name: 'fullwidth-digits',
	params: fullwidthDigitsParams,
	defaultMessage: '阿拉伯数字应为半角：“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const kinds: ParagraphKind[] = (entry as unknown as Static<typeof fullwidthDigitsParams>).in ?? ['body', 'headline'];
		return {
			meta,
			paragraphKinds: kinds,
			needsWords: false,
			checkDocument(ctx) {
				const storyOf = storyOfEach(ctx.model);
				const groups = new Map<number, { hits: DocumentHit[]; halfwidth: boolean }>();
				for (const p of ctx.model.paragraphs) {
					if (!kinds.includes(p.kind)) continue;
					const story = storyOf[p.index];
					let group = groups.get(story);
					if (!group) {
						group = { hits: [], halfwidth: false };
						groups.set(story, group);
					}
					group.halfwidth ||= halfwidthDigit.test(p.text);
					for (const m of p.text.matchAll(fullwidthNumber)) {
						const replace = toHalfwidth(m[0]);
						group.hits.push({
							paragraph: p.index,
							start: m.index,
							end: m.index + m[0].length,
							slots: { replace },
							fixes: [{ title: `改为“${replace}”`, text: replace }],
						});
					}
				}
				const out: DocumentHit[] = [];
				for (const { hits, halfwidth } of groups.values()) {
					if (hits.length > 1 && !halfwidth) {
						const [first, ...rest] = hits;
						out.push({ ...first, severity: 'info', message: summary, slots: { ...first.slots, count: String(hits.length) } });
						for (const h of rest) out.push({ ...h, severity: 'hint' });
					} else {
						out.push(...hits);
					}
				}
				return out;
			},
		};
	},
};
