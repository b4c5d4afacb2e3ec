import { toHalfwidth } from '../../chars';
import type { CompiledRule, DocumentContext, DocumentHit, Hit, Kind, RuleEntry, RuleMeta, RuleOptions } from '../../rule';
import type { Paragraph } from '../../textModel';
import { check, params, type Static } from '../support/params';
import { bracketedByline, bylineStyle } from './byline-form';
import { datelineYear, publicationDay } from '../support/dates';

// Datelines (电头) at the start of a body paragraph. 本报讯 is followed by the house
// separator (one space on the sample page) or by a bracketed byline; it never introduces
// another outlet's report (据××报道). An agency dateline names the agency, the place, the
// month and day, and ends in 电: 新华社北京11月27日电（记者 ×××）.

const checks = ['space', 'according', 'agency', 'brackets', 'own-paper', 'local', 'mixed', 'future'] as const;
export const datelineParams = params({ check: check(checks, checks.join('、') + '。', `dateline 规则需要 check：${checks.join('、')}`) });

const digit = '[0-9０-９]';
const monthDay = `(?:${digit}{1,2}|[一二三四五六七八九十]{1,3})月(?:${digit}{1,2}|[一二三四五六七八九十]{1,3})日`;
/** An agency or own-paper dateline, whether complete or not: the parts are checked one by one. */
const agencyHead = new RegExp(
	`^(?<outlet>新华社|中新社|本报)(?<place>[\\u3400-\\u9fff]{0,8}?)(?<year>${digit}{4}年)?(?<date>${monthDay})(?<dian>电)?(?=[ \\u3000（(]|[\\u3400-\\u9fff])`,
);
/** Spaces as they arrive from typing and from web pages (no-break and fixed-width ones too). */
const spaces = /^[ \u3000\u00a0\u2002-\u200a]*/;

function spaceCheck(paragraph: Paragraph, separator: string): Hit[] {
	const { text, datelineLength } = paragraph;
	const isOwn = text.startsWith('本报讯');
	const length = isOwn ? 3 : datelineLength;
	if (!length) {
		return [];
	}
	const after = text.slice(length);
	const gap = spaces.exec(after)![0];
	const next = after[gap.length];
	// Text starts with a character, a digit or an opening quote; other marks (本报讯.18日) are
	// another rule's business, and a bracket holds the byline.
	if (next === undefined || !/[\u3400-\u9fff0-9A-Za-z０-９“‘《：:]/.test(next)) {
		return [];
	}
	// A dateline ending an OCR column line lost its trailing space with the line break.
	if (paragraph.crossesBreak(length - 1, length + gap.length + 1)) {
		return [];
	}
	if (isOwn) {
		// 本报讯：按照… and 本报讯  按照… are both written 本报讯 按照….
		const colon = /^[ \u3000\u00a0]*[:：][ \u3000\u00a0]*/.exec(after)?.[0];
		const found = colon ?? gap;
		if (found === separator) {
			return [];
		}
		return [
			{
				start: length,
				end: length + found.length,
				message: separator === ' ' ? '“本报讯”后应空一格接正文' : `“本报讯”后应为“${separator}”接正文`,
				fixes: [{ title: '改为本报体例', text: separator }],
				// A bare insertion would clash with another rule's insertion at the same point
				// (quotes around 四个意识 right after 本报讯), so it is offered, not applied unasked.
				certain: found.length > 0,
			},
		];
	}
	// Agency datelines keep the agency's own spacing; only a missing space is reported.
	if (gap) {
		return [];
	}
	return [{ start: length, end: length, message: '电头后应空一格再接正文', fixes: [{ title: '加空格', text: separator }], certain: false }];
}

function accordingCheck(text: string): Hit[] {
	if (!text.startsWith('本报讯')) {
		return [];
	}
	const m = /^本报讯(?:[ \u3000]*[（(][^（）()]{0,40}[）)])?[ \u3000:：]*(据[^，。；]{1,20}?(?:报道|消息|电))/.exec(text);
	if (!m) {
		return [];
	}
	const start = m[0].length - m[1].length;
	return [
		{
			start: 0,
			end: m[0].length,
			slots: { according: m[1] },
			fixes: [{ title: '删去“本报讯”', text: text.slice(start, m[0].length) }],
			certain: false,
		},
	];
}

function agencyCheck(text: string): Hit[] {
	const m = agencyHead.exec(text);
	if (!m || m.groups!.outlet === '本报') {
		return [];
	}
	const g = m.groups!;
	const hits: Hit[] = [];
	if (!g.dian) {
		// Without 电 this is a dateline only when a bracketed byline follows (新华社北京12月16日（记者…）);
		// otherwise it is a sentence about the agency (新华社今年3月5日发布…).
		if (!/^[ \u3000]*[（(](?:本报|特约|见习)?记者/.test(text.slice(m[0].length))) {
			return [];
		}
		hits.push({
			start: m[0].length - g.date.length,
			end: m[0].length,
			message: `电头“${m[0]}”缺“电”字`,
			fixes: [{ title: '补“电”字', text: `${g.date}电` }],
		});
	}
	if (!g.place) {
		hits.push({ start: 0, end: m[0].length, message: `电头“${m[0]}”缺发电地点（如${g.outlet}北京${g.date}电）` });
	}
	if (g.year) {
		const at = g.outlet.length + g.place.length;
		hits.push({ start: at, end: at + g.year.length, message: `电头只写月日，不写年份“${g.year}”`, fixes: [{ title: '删去年份', text: '' }] });
	}
	return hits;
}

function bracketsCheck(text: string, datelineLength: number): Hit[] {
	const b = datelineLength > 0 ? bracketedByline(text, datelineLength) : undefined;
	if (!b || !b.halfwidth) {
		return [];
	}
	return [{ start: b.start, end: b.end, slots: { replace: `（${b.inner}）` }, fixes: [{ title: '改为全角括号', text: `（${b.inner}）` }] }];
}

function ownPaperCheck(text: string): Hit[] {
	// 本报讯 already says 本报; inside its brackets the role is plain 记者.
	const b = text.startsWith('本报讯') ? bracketedByline(text, 3) : undefined;
	if (!b) {
		return [];
	}
	const hits: Hit[] = [];
	for (const m of b.inner.matchAll(/本报(?=(?:见习|特约|摄影)?记者|通讯员)/g)) {
		const start = b.start + 1 + m.index;
		hits.push({ start, end: start + 2, fixes: [{ title: '删去“本报”', text: '' }] });
	}
	return hits;
}

function localCheck(text: string): Hit[] {
	// 本报北京3月5日讯: a story filed from elsewhere is 电; 讯 is for local news.
	const m = new RegExp(`^本报[\\u3400-\\u9fff]{1,8}?${monthDay}(讯)`).exec(text);
	if (!m) {
		return [];
	}
	const start = m[0].length - 1;
	return [{ start, end: start + 1, fixes: [{ title: '改为“电”', text: '电' }], certain: false }];
}

function futureCheck(paragraph: Paragraph, options: RuleOptions): Hit[] {
	const published = publicationDay(options);
	if (!published?.year || !paragraph.datelineLength) {
		return [];
	}
	const head = paragraph.text.slice(0, paragraph.datelineLength);
	const m = new RegExp(`(${digit}{1,2})月(${digit}{1,2})日电$`).exec(head);
	if (!m) {
		return [];
	}
	const month = Number(toHalfwidth(m[1]));
	const day = Number(toHalfwidth(m[2]));
	const year = datelineYear(month, published.year, published.month);
	const days = (Date.UTC(year, month - 1, day) - Date.UTC(published.year, published.month - 1, published.day)) / 86400000;
	// A date in a file name is often the day a web page was stamped, a day off either way
	// (time zones, late edits); only the configured publication date is held to the day.
	if (days < (published.basis === '刊发日期' ? 1 : 2)) {
		return [];
	}
	return [
		{
			start: m.index,
			end: m.index + m[0].length - 1,
			message: `电头日期“${m[1]}月${m[2]}日”晚于${published.basis}${published.month}月${published.day}日，请核对`,
		},
	];
}

// How a paragraph's agency dateline is written: with or without 据, agency, place, date, 专.
// 电 must be followed by a space, a bracket or the end, so that 新华社电视 is not one.
const agencyForm = new RegExp(`^(据)?(?:(新华社|中新社)([\\u3400-\\u9fff]{1,8}?)?)?(${monthDay})?(专)?电(?=[ \\u3000（(]|$)`);

function formOf(text: string): { key: string; length: number; label: string } | undefined {
	const m = agencyForm.exec(text);
	if (!m || (!m[1] && !m[2]) || (!m[2] && !m[4] && !m[1])) {
		return undefined;
	}
	const parts = [m[1] && '据', m[2] && '社名', m[3] && '地点', m[4] && '日期', m[5] && '专'].filter(Boolean);
	return { key: parts.join('+'), length: m[0].length, label: m[0] };
}

/** Agency datelines of one draft written in more than one way (新华社电, 据电, 据8月28日电). */
function mixedCheck(ctx: DocumentContext): DocumentHit[] {
	const found: { paragraph: number; form: NonNullable<ReturnType<typeof formOf>> }[] = [];
	for (const p of ctx.model.paragraphs) {
		const form = p.kind === 'body' ? formOf(p.text) : undefined;
		if (form) {
			found.push({ paragraph: p.index, form });
		}
	}
	const counts = new Map<string, number>();
	for (const f of found) {
		counts.set(f.form.key, (counts.get(f.form.key) ?? 0) + 1);
	}
	if (counts.size < 2) {
		return [];
	}
	// The form written most often is the draft's own; ties go to the first written.
	let main = found[0];
	for (const f of found) {
		if (counts.get(f.form.key)! > counts.get(main.form.key)!) {
			main = f;
		}
	}
	return found
		.filter((f) => f.form.key !== main.form.key)
		.map((f) => ({
			paragraph: f.paragraph,
			start: 0,
			end: f.form.length,
			message: `同一稿件中电头写法不一：“${f.form.label}”与“${main.form.label}”格式不同，宜统一`,
		}));
}

export const dateline: Kind = {
	name: 'dateline',
	params: datelineParams,
	defaultMessage: '电头格式不合体例',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const check = (entry as unknown as Static<typeof datelineParams>).check;
		if (check === 'mixed') {
			return { meta, paragraphKinds: [], needsWords: false, checkDocument: mixedCheck };
		}
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			check(ctx) {
				const { text, datelineLength } = ctx.paragraph;
				switch (check) {
					case 'space':
						return spaceCheck(ctx.paragraph, bylineStyle(ctx.options).datelineSeparator);
					case 'according':
						return accordingCheck(text);
					case 'agency':
						return agencyCheck(text);
					case 'brackets':
						return bracketsCheck(text, datelineLength);
					case 'own-paper':
						return ownPaperCheck(text);
					case 'local':
						return localCheck(text);
					case 'future':
						return futureCheck(ctx.paragraph, ctx.options);
				}
			},
		};
	},
};
