import type { Paragraph } from '../../textModel';

// Credits and picture sources that published copy sets off with a space: a caption's
// photographer (新华社记者 刘昀 摄, 陈超 摄), the source of a picture (资料图片, 视频截图,
// 图源：美国白宫, 光明图片/视觉中国, 新华社发) and a sign-off after the last sentence. The
// space before them is layout, not a slip, whatever mark or word stands before it.

/** The view offset where the source line holding `at` begins (layout breaks end lines). */
export function lineStart(paragraph: Paragraph, at: number): number {
	let lo = 0;
	let hi = at;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (paragraph.crossesBreak(mid, at + 1)) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** The view offset where the source line holding `at` ends: the next layout break, or the paragraph's end. */
export function lineEnd(paragraph: Paragraph, at: number): number {
	const length = paragraph.text.length;
	if (at >= length) return length;
	let lo = at + 1;
	let hi = length;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (paragraph.crossesBreak(at, mid)) hi = mid - 1;
		else lo = mid;
	}
	return lo;
}

const hanName = '[\\u3400-\\u9fff]{2,4}(?:·[\\u3400-\\u9fff]{1,8})?';
const names = `${hanName}(?:[ \\u3000\\u00a0、]+${hanName})*`;
const role = '(?:(?:本报|见习|特约|实习|全媒体|首席)?(?:摄影)?记者|通讯员|实习生|摄影师?)';
/** 新华社记者刘昀摄, 中新社记者 曾鼐 摄, 陈超 摄, (图)韩国总统办公室供图. */
const photoCredit = new RegExp(`^(?:[\\u3400-\\u9fff]{0,10}?${role}[ \\u3000\\u00a0]*)?${names}[ \\u3000\\u00a0]*(?:摄|拍摄|供图)[。]?$`);
/** 新华社发, 美联社图片。, 韩国总统办公室供图. */
const agencyCredit = /^[\u3400-\u9fffA-Za-z]{2,16}?(?:供图|发|图片|传真)[。]?$/;
/** 光明图片/视觉中国, 新华社/纽西斯通讯社. */
const slashCredit = /^[\u3400-\u9fff]{2,10}[/／][\u3400-\u9fffA-Za-z]{2,12}$/;
/** 资料图片, 视频截图, 资料图片 图源：韩媒. */
const pictureNote = /^(?:资料(?:图片|照片|图)|视频截图|网络截图|截图|图片)[。]?(?:[ \u3000\u00a0]|$)/;
/** 图源：美国白宫, 图片来源：新华/路透 (the label alone says what follows). */
const sourceLabel = /^(?:图源|图片来源|图片提供|照片来源|来源)[：:]/;

/**
 * Whether the line rest `rest` (from after a space to the end of its source line) is a
 * credit or a picture source. With `signOff`, a bare name of two to four characters (an
 * author signing off after the last sentence) counts too.
 */
export function isCredit(rest: string, signOff = false): boolean {
	const s = rest.trim();
	if (!s) return false;
	if (sourceLabel.test(s) || pictureNote.test(s)) return true;
	if (photoCredit.test(s) || agencyCredit.test(s) || slashCredit.test(s)) return true;
	return signOff && /^[\u3400-\u9fff]{2,4}$/.test(s);
}

/** Whether a credit or picture source stands at `at` and runs to the end of its source line. */
export function creditAt(paragraph: Paragraph, at: number, signOff = false): boolean {
	const { text } = paragraph;
	// A picture-source label may run into the next paragraph's text on one crawled line.
	if (sourceLabel.test(text.slice(at, at + 6))) return true;
	const end = lineEnd(paragraph, at);
	return end - at <= 40 && isCredit(text.slice(at, end), signOff);
}

/** A paper's source and edition line: 《光明日报》（ 2017年05月27日 07版）, 《 人民日报 》（ 2023年08月22日 第 17 版）. */
const edition = /^《\s*[\u3400-\u9fff]{2,10}\s*》\s*[（(]\s*(?:19|20)[0-9]{2}年[0-9]{1,2}月[0-9]{1,2}日\s*第?\s*[0-9]{1,2}\s*版\s*[）)]$/;

/** Whether the source line holding `at` is a source and edition line, which is not body text. */
export function onEditionLine(paragraph: Paragraph, at: number): boolean {
	const start = lineStart(paragraph, at);
	if (paragraph.text[start] !== '《') return false;
	const end = lineEnd(paragraph, at);
	return end - start <= 60 && edition.test(paragraph.text.slice(start, end).trim());
}
