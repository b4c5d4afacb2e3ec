import { basename } from 'node:path';
import { toHalfwidth } from '../../chars';
import type { RuleOptions } from '../../rule';
import type { DraftModel, Paragraph } from '../../textModel';

// The date a story speaks from. Relative words (昨天, 本周三) and dates without a year
// are read against it. A dateline (新华社北京11月27日电) is the story's own date and wins;
// otherwise the configured publication date, then a date in the draft's file name
// (xwlb_20211118_01.txt, 2021-11-18-经开区.txt).

export interface Day {
	year?: number;
	month: number;
	day: number;
}

export interface ReferenceDay extends Day {
	/** What the date was read from, for the message: 电头, 刊发日期, 文件名. */
	basis: string;
}

// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const fileDate = /(?=[12])(?<![0-9])((?:19|20)[0-9]{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12][0-9]|3[01])(?![0-9])/;
const datelineDate = /([0-9０-９]{1,2})月([0-9０-９]{1,2})日电/;

/** The year of a dateline's month: a December dateline printed in January belongs to the year before. */
export function datelineYear(month: number, publishedYear: number, publishedMonth: number): number {
	return month > publishedMonth + 1 ? publishedYear - 1 : publishedYear;
}

/** The publication date from config or, failing that, from the file name. */
export function publicationDay(options: RuleOptions): ReferenceDay | undefined {
	const d = options.publicationDate;
	if (d && !Number.isNaN(d.getTime())) {
		return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), basis: '刊发日期' };
	}
	if (options.path) {
		const m = fileDate.exec(basename(options.path));
		if (m && isValidDay(Number(m[1]), Number(m[2]), Number(m[3]))) {
			return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), basis: '文件名日期' };
		}
	}
	return undefined;
}

/** The date the paragraph's story speaks from: its dateline, else the publication date. */
export function referenceDay(model: DraftModel, paragraph: Paragraph, options: RuleOptions): ReferenceDay | undefined {
	const published = publicationDay(options);
	// A headline stands outside stories; it belongs to the story that follows it.
	let storyIndex = paragraph.story;
	for (let i = paragraph.index + 1; storyIndex < 0 && paragraph.kind === 'headline' && i < model.paragraphs.length; i++) {
		storyIndex = model.paragraphs[i].story;
	}
	const story = storyIndex >= 0 ? model.stories[storyIndex] : undefined;
	const opener = story ? model.paragraphs[story.paragraphs[0]] : undefined;
	if (opener && opener.datelineLength > 0) {
		const m = datelineDate.exec(opener.text.slice(0, opener.datelineLength));
		if (m) {
			// Full-width digits (wire copy: 新华社北京４月２０日电) read as their values.
			const month = Number(toHalfwidth(m[1]));
			const day = Number(toHalfwidth(m[2]));
			const year = published?.year !== undefined ? datelineYear(month, published.year, published.month) : undefined;
			if (isValidDay(year ?? 2000, month, day)) {
				return { year, month, day, basis: '电头日期' };
			}
		}
	}
	return published;
}

export function isLeapYear(year: number): boolean {
	return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month; February has 29 when the year is unknown. */
export function daysInMonth(month: number, year?: number): number {
	if (month === 2) {
		return year === undefined || isLeapYear(year) ? 29 : 28;
	}
	return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDay(year: number | undefined, month: number, day: number): boolean {
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(month, year);
}

/** 0 for Sunday to 6 for Saturday. */
export function weekdayOf(year: number, month: number, day: number): number {
	return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

export const weekdayNames = ['日', '一', '二', '三', '四', '五', '六'];

/** The day `offset` days from `d`; the year must be known. */
export function addDays(d: Day & { year: number }, offset: number): Day & { year: number } {
	const t = new Date(Date.UTC(d.year, d.month - 1, d.day + offset));
	return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export function formatDay(d: Day, withYear = true): string {
	return `${withYear && d.year !== undefined ? `${d.year}年` : ''}${d.month}月${d.day}日`;
}

/** The sentence around `offset`: from after the last 。！？ before it to the next one (or the text's ends). */
export function sentenceAt(text: string, offset: number): { start: number; end: number } {
	const start = Math.max(text.lastIndexOf('。', offset - 1), text.lastIndexOf('！', offset - 1), text.lastIndexOf('？', offset - 1)) + 1;
	const next = /[。！？]/.exec(text.slice(offset));
	return { start, end: next ? offset + next.index : text.length };
}

/** A four-digit year written earlier in the same sentence (2019年……11月18日). */
export function yearInSentence(text: string, offset: number): number | undefined {
	return lastYearIn(
		text
			.slice(0, offset)
			.split(/[。！？]/)
			.pop() ?? '',
	);
}

/** Four-digit years written out (2021年), 1900 to 2099, in text order. */
export function yearsIn(text: string): { year: number; index: number }[] {
	return [...text.matchAll(/(?<![0-9])((?:19|20)[0-9]{2})年/g)].map((m) => ({ year: Number(m[1]), index: m.index }));
}

/** The last four-digit year written in `text`. */
export function lastYearIn(text: string): number | undefined {
	return yearsIn(text).pop()?.year;
}

/** The year a date without one belongs to: same sentence, then the story's date, then the text before. */
export function impliedYear(model: DraftModel, paragraph: Paragraph, offset: number, options: RuleOptions): number | undefined {
	return yearInSentence(paragraph.text, offset) ?? referenceDay(model, paragraph, options)?.year ?? yearInText(model, paragraph, offset);
}

/**
 * The last four-digit year written before `offset` in the paragraph, then in earlier
 * paragraphs of the same story. A headline ends the search: in a file of several stories
 * without datelines, the headline is all that separates one story from the next.
 */
export function yearInText(model: DraftModel, paragraph: Paragraph, offset: number): number | undefined {
	const here = lastYearIn(paragraph.text.slice(0, offset));
	if (here !== undefined) {
		return here;
	}
	for (let i = paragraph.index - 1; i >= 0; i--) {
		const p = model.paragraphs[i];
		if (p.story !== paragraph.story || p.kind === 'headline') {
			break;
		}
		const y = lastYearIn(p.text);
		if (y !== undefined) {
			return y;
		}
	}
	return undefined;
}
