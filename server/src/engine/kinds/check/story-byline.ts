import type { CompiledRule, DocumentContext, DocumentHit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { check, params, type Static } from '../support/params';
import type { DraftModel, Story } from '../../textModel';
import { bracketedByline, bylineStyle } from './byline-form';

// Whole-story checks. A 本报 story (opened by 本报讯 or 本报××电) carries exactly one
// byline: on its own line at the end, or in brackets after the dateline, as the house
// style says. The text model opens a story at a dateline and closes it at a byline, so a
// byline that belongs to no story and follows another byline with no headline between
// them is a second byline of the same story.

const checks = ['missing', 'extra', 'position'] as const;
export const storyBylineParams = params({ check: check(checks, 'missing、extra 或 position。', `story-byline 规则需要 check：${checks.join('、')}`) });

/** True for a story the paper itself wrote: its dateline starts with 本报. */
function ownStory(model: DraftModel, story: Story): boolean {
	return model.paragraphs[story.paragraphs[0]].text.startsWith('本报');
}

function bracketOf(model: DraftModel, story: Story) {
	const opener = model.paragraphs[story.paragraphs[0]];
	return bracketedByline(opener.text, opener.datelineLength);
}

function missing(ctx: DocumentContext): DocumentHit[] {
	const { model } = ctx;
	const hits: DocumentHit[] = [];
	// A lone story with no byline anywhere is a draft still being written (or a snippet);
	// once the draft holds several stories or any byline, each story must have its own.
	const finished = model.stories.length > 1 || model.paragraphs.some((p) => p.kind === 'byline');
	if (!finished) {
		return hits;
	}
	for (const story of model.stories) {
		if (!ownStory(model, story) || story.byline !== undefined || bracketOf(model, story)) {
			continue;
		}
		// Reported on the story's last character, where the byline should follow.
		const last = model.paragraphs[story.paragraphs[story.paragraphs.length - 1]];
		const end = last.text.length;
		const start = Math.max(0, end - 1 - (/[\ud800-\udbff]/.test(last.text[end - 2] ?? '') ? 1 : 0));
		hits.push({ paragraph: last.index, start, end });
	}
	return hits;
}

function extra(ctx: DocumentContext): DocumentHit[] {
	const { model } = ctx;
	const hits: DocumentHit[] = [];
	let lastByline: number | undefined;
	let seenAny = false;
	for (const p of model.paragraphs) {
		if (p.kind === 'headline') {
			lastByline = undefined;
			seenAny = true;
			continue;
		}
		if (p.kind !== 'byline') {
			if (p.story >= 0 && model.paragraphs[model.stories[p.story].paragraphs[0]] === p) {
				lastByline = undefined;
			}
			seenAny = true;
			continue;
		}
		if (p.story < 0) {
			if (lastByline !== undefined) {
				hits.push({
					paragraph: p.index,
					start: 0,
					end: p.text.length,
					message: `同一篇稿件已有署名“${model.paragraphs[lastByline].text}”，此处署名重复或多余`,
				});
			} else if (!seenAny) {
				hits.push({ paragraph: p.index, start: 0, end: p.text.length, message: `署名“${p.text}”前没有稿件` });
			}
		}
		lastByline = p.index;
		seenAny = true;
	}
	return hits;
}

function position(ctx: DocumentContext): DocumentHit[] {
	const { model } = ctx;
	const style = bylineStyle(ctx.options);
	const hits: DocumentHit[] = [];
	for (const story of model.stories) {
		if (!ownStory(model, story)) {
			continue;
		}
		const bracket = bracketOf(model, story);
		if (style.position === 'end' && bracket && story.byline === undefined) {
			hits.push({
				paragraph: story.paragraphs[0],
				start: bracket.start,
				end: bracket.end,
				message: '本报体例署名单列稿末，不放在电头后的括号内',
			});
		} else if (style.position === 'dateline' && !bracket && story.byline !== undefined) {
			const byline = model.paragraphs[story.byline];
			hits.push({
				paragraph: byline.index,
				start: 0,
				end: byline.text.length,
				message: '本报体例署名放在电头后的括号内：本报讯（记者 ××）',
			});
		}
	}
	return hits;
}

export const storyByline: Kind = {
	name: 'story-byline',
	params: storyBylineParams,
	defaultMessage: '本报稿件缺少署名',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const check = (entry as unknown as Static<typeof storyBylineParams>).check;
		const run = { missing, extra, position }[check];
		return {
			meta,
			paragraphKinds: [],
			needsWords: false,
			checkDocument: run,
		};
	},
};
