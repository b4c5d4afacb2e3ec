import type { CompiledRule, DocumentHit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { draftDate, enclosureAt, parseDay } from '../support/context';
import { firstPersonSpeech, instructionBefore, reportedSpeech } from '../support/speech';

// A formal name that a story gives in full where it is first named and may shorten after
// (习近平新时代中国特色社会主义思想, then 新时代中国特色社会主义思想). The first mention in
// each story's body is checked (a story opens with a dateline, or in a file without them,
// with a headline); a short form there is reported with the full name as an
// optional fix, unless it stands in a quotation, a title, or speech the story reports
// (习近平强调，要以新时代中国特色社会主义思想为指导; an instruction with 要 or 必须, which
// news quotes from a leader or a meeting; speech in the first person): a speaker's wording
// is the speaker's.

export interface FirstMentionParams {
	/** The short form, which must be a part of `full`. */
	short: string;
	full: string;
	/** The short form followed by one of these is another name (新时代中国特色社会主义思想和基本方略). */
	unlessAfter?: string[];
	/** Drafts dated before this day (YYYY-MM-DD) are not checked: the full name did not exist. */
	since?: string;
}

export const firstMention: Kind = {
	name: 'first-mention',
	defaultMessage: '首次出现宜用全称“{full}”，后文可用简称“{found}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as FirstMentionParams;
		if (typeof p.short !== 'string' || typeof p.full !== 'string' || !p.short || !p.full.includes(p.short) || p.full === p.short) {
			throw new RuleDataError('first-mention 规则需要 short 与 full，且 short 是 full 的一部分', 'short');
		}
		const since = parseDay(p.since);
		if (p.since !== undefined && !since) {
			throw new RuleDataError(`since 应为 YYYY-MM-DD 日期：${p.since}`, 'since');
		}
		const before = p.full.slice(0, p.full.indexOf(p.short));
		const after = p.full.slice(p.full.indexOf(p.short) + p.short.length);
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			checkDocument(ctx) {
				const date = since ? draftDate(ctx.options) : undefined;
				if (since && date && date < since) return [];
				const hits: DocumentHit[] = [];
				// A story by its dateline; in a file without datelines, each headline starts one.
				const named = new Set<string>();
				let headlines = 0;
				for (const paragraph of ctx.model.paragraphs) {
					if (paragraph.kind === 'headline') headlines++;
					const story = paragraph.story >= 0 ? `s${paragraph.story}` : `h${headlines}`;
					if (paragraph.kind !== 'body' || named.has(story)) continue;
					const text = paragraph.text;
					const at = text.indexOf(p.short);
					if (at < 0) continue;
					named.add(story);
					// The full name, or the short form as part of another name, is no shortening.
					if (text.slice(at - before.length, at) === before && text.startsWith(after, at + p.short.length)) continue;
					if (p.unlessAfter?.some((a) => text.startsWith(a, at + p.short.length))) continue;
					const enclosure = enclosureAt(text, at);
					if (enclosure.quote > 0 || enclosure.title > 0) continue;
					if (reportedSpeech(text, at) || instructionBefore(text, at) || firstPersonSpeech(text, at)) continue;
					hits.push({
						paragraph: paragraph.index,
						start: at,
						end: at + p.short.length,
						slots: { full: p.full },
						fixes: [{ title: `改为全称“${p.full}”`, text: p.full }],
						certain: false,
					});
				}
				return hits;
			},
		};
	},
};
