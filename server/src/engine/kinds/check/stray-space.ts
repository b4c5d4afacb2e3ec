import { fastHan, han, hanRanges, isHan } from '../../chars';
import type { CheckContext, CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { type DraftModel, endsSentence, type Paragraph, startsWithDateline } from '../../textModel';
import { creditAt, lineEnd, lineStart } from '../support/credits';
import { latinSpaced } from './latin-space';
import { noParams } from '../support/params';

// Spaces inside Chinese running text are OCR or typing residue: 全区 6个, 2019年 10月.
// Layout spaces are not: the one after the dateline (本报讯 按照…), those in bylines and
// headlines, and spaces at line ends, which the text model has already dropped. Published
// copy also uses spaces on purpose where a comma would be too heavy: between the phrases
// of a title printed as a paragraph, inside a quoted programme name (“领航科技 创新中国”),
// in credits (【环球网报道 记者 任梅子】, （作者 陆忠伟）) and before a speaker's name.

const spaces = '[ \\u3000\\u00a0]+';
const hanOrDigit = `[${hanRanges}0-9]`;
// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const strayAfterHan = new RegExp(`(?=${spaces})(?<=${han})${spaces}(?=${hanOrDigit})`, 'gu');
const strayAfterDigit = new RegExp(`(?=${spaces})(?<=[0-9%])${spaces}(?=${han})`, 'gu');

const sentenceMarks = /[。！？!?；;]/;
const roleBefore = /(?:记者|通讯员|作者|编辑|摄影|监制|统筹|主笔|责编|实习生|图片)$/;
const titleBefore = /(?:研究员|教授|专家|所长|会长|院长|主任|工程师|评论家|负责人|学者|总裁|董事长|总经理|局长|部长|主席|理事长|秘书长|大使)$/;
const creditLine =
	/^(?:■|(?:文字|漫画|摄影|制片人|主编|编导|视觉|制作|监制|统筹|主笔|编辑|记者|策划|设计|校对|责编|出品人|撰文|文|图|视频|海报)[ \u00a0]*[丨｜|：:])/;
const namesAfterRole = fastHan(/(?:记者|通讯员|作者)[ \u3000\u00a0]*(?:\p{Script=Han}{1,4}[ \u3000\u00a0]+)*\p{Script=Han}{1,4}$/u);
const trailingNames = fastHan(/^(?:\p{Script=Han}{1,4}[ \u3000\u00a0]+)+\p{Script=Han}{1,4}$/u);
const wordBefore = fastHan(/(?:[0-9]+[年月日%]?|\p{Script=Han}{1,2})$/u);
const wordAfter = fastHan(/^(?:[0-9.]+[%\p{Script=Han}]?|\p{Script=Han}{1,2})/u);
const speakerAfter = fastHan(/^\p{Script=Han}{2,8}(?:·\p{Script=Han}{1,8})?[：:]/u);
const nameAfter = fastHan(/^\p{Script=Han}{2,4}(?:$|[^\p{Script=Han}])/u);
const foreignNameBefore = fastHan(/·\p{Script=Han}+$/u);
const foreignNameAfter = fastHan(/^\p{Script=Han}+·/u);
// A role after the space, perhaps with the outlet before it: 本报记者, 光明日报通讯员 贾世奇.
const roleAfter = /^(?:[\u3400-\u9fff]{2,8}?(?:报|社|台|网|客户端))?(?:全媒体)?(?:(?:本报|见习|特约|实习)?记者|通讯员|实习生)/;
/** Hangul and kana: a line in another script keeps that script's spacing (美日韓 朝핵문제서). */
const otherScript = /[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\uac00-\ud7af]/;
/** PLA Daily's credit after a title: ■刘 琳, ■程柏华  牛 昊 (two-character names padded to three). */
const blockCredit = /■[\u3400-\u9fff \u3000\u00a0]{1,10}$/;
/** Marks a line of phrases may carry: quotes and title marks, enumeration commas, colons. */
const phraseMarks = /[，。；！？,.;!?（）()【】]/;

/** The words either side of the space: 全区 6个, 自 2019年, 占比 100%. */
function contextAround(text: string, start: number, end: number): string {
	const before = wordBefore.exec(text.slice(Math.max(0, start - 12), start))?.[0] ?? '';
	const after = wordAfter.exec(text.slice(end, end + 12))?.[0] ?? '';
	return before + text.slice(start, end) + after;
}

/** Titles and credit lines are short; a long run of text without marks is still prose. */
const titleLength = 80;

/** A short paragraph with no sentence mark anywhere is a title or a list of names set as body text. */
function isTitleLike(text: string): boolean {
	return text.length <= titleLength && !sentenceMarks.test(text) && !/[，,]/.test(text);
}

/** The marks that may hold a spaced name or a credit. */
const holders = new Set(['“', '《', '【', '（', '(']);

/** Where the sentence holding `at` starts: after the last 。！？” before it. */
function sentenceStart(text: string, at: number): number {
	let i = at;
	while (i > 0 && !'。！？”'.includes(text[i - 1])) i--;
	return i;
}

/** A Latin letter, then only digits, right before `at`: TOP3 分别, G2 国家. */
function latinTokenBefore(text: string, at: number): boolean {
	let i = at;
	while (i > 0 && text.charCodeAt(i - 1) >= 0x30 && text.charCodeAt(i - 1) <= 0x39) i--;
	return i > 0 && /[A-Za-z]/.test(text[i - 1]);
}

/** How much of a line either side of a space the line checks read. */
const nearby = 80;

/** A role and names run this long at most: 证券时报记者 赵黎昀 曹桢. */
const creditReach = 60;

const roleStart = /^(?:(?:本报|见习|特约|实习)?记者|通讯员|作者)/;

/** Whether a space is layout rather than a slip. */
export function layoutSpace(paragraph: Paragraph, start: number, end: number): boolean {
	const { text, datelineLength } = paragraph;
	if (datelineLength && start === datelineLength) return true;
	if (isTitleLike(text)) return true;
	const line = text.slice(lineStart(paragraph, start), start);
	// A one-block page is one line: the checks read at most this much of it either side.
	const lineEndAt = lineEnd(paragraph, end);
	const lineRest = text.slice(end, Math.min(lineEndAt, end + nearby));
	const lineNear = line.slice(-nearby);
	// 参考消息网10月18日报道 据韩联社…, 新华社首尔4月14日电　朝中社…: source lines that work as datelines.
	if (
		/^[^，。：]{0,30}(?:报道|电|讯|消息)$/.test(line) ||
		/^[^。]{0,60}[0-9０-９]日(?:电|报道)(?:[（(][^）)]{1,8}[）)][^，。：]{0,30})?$/.test(text.slice(0, start))
	)
		return true;
	// A line in another script: 美日韓 朝핵문제서.
	if (otherScript.test(lineNear) || otherScript.test(lineRest)) return true;
	// Credit lines, also where a one-line page runs them on after the last sentence: 制片人丨赵新宇 文凡,
	// ……头破血流！文字：王立轩 李庆桐漫画：陈然 贺书, ■程柏华  牛 昊日本首相…
	const sentence = text.slice(Math.max(start - line.length, sentenceStart(text, start)), start);
	if (creditLine.test(sentence) && !/[，。；！？]/.test(sentence)) return true;
	if (blockCredit.test(text.slice(Math.max(0, start - 12), start))) return true;
	// A caption's credit or picture source after the space: …与拜登 资料图片, 郝群英摄 光明图片/视觉中国.
	if (creditAt(paragraph, end)) return true;
	// A title or subheading of two phrases on a line of its own: 重重压力 尹锡悦该何去何从？
	if (line.length + (lineEndAt - end) <= phraseLineLength && phraseLine(line, lineRest)) return true;
	// A title run into the first paragraph on a crawled page's first line: 共识虽达成 鸿沟依然在韩方称，…
	if (
		paragraph.index === 0 &&
		line.length === start &&
		start <= 16 &&
		lineEndAt > columnWidth &&
		/^\p{Script=Han}+$/u.test(line) &&
		/^\p{Script=Han}{6}/u.test(lineRest)
	)
		return true;
	// A two-character label spaced out: 摘 要：
	if (/^\p{Script=Han}$/u.test(line) && /^\p{Script=Han}[：:]/u.test(lineRest)) return true;
	// Names after a role: 证券时报记者 赵黎昀 曹桢.
	if (namesAfterRole.test(line.slice(-creditReach))) return true;
	// A list of names closing the paragraph: ……无法拦截的。杨 宁 周丹丹.
	if (trailingNames.test(text.slice(sentenceStart(text, start)))) return true;
	// Latin tokens keep Western spacing: TOP3 分别, G2 国家, E3 电子.
	if (latinTokenBefore(text, start)) return true;
	// Section numbers: 5.2 医美机构竞争要素.
	if (/^[0-9]+(?:\.[0-9]+)*$/.test(line)) return true;
	for (const around of paragraph.marks.around(start)) {
		if (!holders.has(around.open)) continue;
		const inner = text.slice(around.start + 1, around.end < 0 ? text.length : around.end);
		// A quoted or titled name with its phrases spaced apart: “领航科技 创新中国”, 《…》.
		if ((around.open === '“' || around.open === '《') && around.end > 0 && !sentenceMarks.test(inner) && !/[，,]/.test(inner)) return true;
		// Credits: 【环球网报道 记者 任梅子】, (作者 陆忠伟 …), （2024年04月16日 16版）, (赖进财 摄).
		if (around.open === '【') return true;
		if (around.open === '（' || around.open === '(') {
			if (around.start === 0 || /^[。！？]?$/.test(text.slice(around.end + 1).trim())) return true;
			if (roleStart.test(inner) || /记者|通讯员|[ 　]摄$/.test(inner)) return true;
			// 中新网5月2日电(孟湘君 何路曼): names right after a dateline.
			if (/[电讯]$/.test(text.slice(0, around.start).trimEnd())) return true;
		}
	}
	// Credits run into the text: 本报记者 安峥, 报道 见习记者 姜蔼玲, 新华社记者 刘杰 摄.
	if (roleBefore.test(text.slice(Math.max(0, start - 4), start)) || roleAfter.test(text.slice(end, end + 16))) return true;
	if (text[end] === '摄' && (end + 1 === text.length || paragraph.crossesBreak(end, end + 2) || !isHan(text[end + 1]))) return true;
	// A speaker before a quotation: 日本政治经济评论家 古贺茂明：…
	if (speakerAfter.test(text.slice(end))) return true;
	// A title before a name in an author line: 总工程师 陈山枝, 智库研究员　张晓磊，…
	if (titleBefore.test(text.slice(Math.max(0, start - 5), start)) && (nameAfter.test(text.slice(end)) || /^\p{Script=Han}{2,4}$/u.test(lineRest))) return true;
	return false;
}

/** The longest line of phrases (a subheading, a line of a video script). */
const phraseLineLength = 40;

/**
 * A source line of phrases, not of sentences: no sentence marks but a closing ？ or ！, and at
 * least two Han characters on either side of the space. Subheadings and the lines of a video
 * script are set this way (按洋流方向 排海相当于……, 为眼前私利 连人类的健康都不顾了？).
 */
function phraseLine(before: string, after: string): boolean {
	const whole = before + ' ' + after.replace(/[？！?!]+[”’」]?$/, '');
	if (whole.length > phraseLineLength || phraseMarks.test(whole)) return false;
	const hanCount = (s: string) => s.match(/[\u3400-\u9fff]/g)?.length ?? 0;
	return /[\u3400-\u9fff”》]$/.test(before) && /^[\u3400-\u9fff“《]/.test(after) && hanCount(before) >= 2 && hanCount(after) >= 2;
}

/** Marks that a title line does not carry; its colon (安徽：坚持改革创新 勇于闯出新路) it may. */
const bodyMarks = /[，。；！？、,;!?]/;

/**
 * A source line without body punctuation that follows the end of a sentence (or opens the
 * draft) is a subheading or a credit line, even when the text model has joined it to the
 * sentence that follows it (typed drafts put subheadings on their own line, no blank line).
 */
function onTitleLine(ctx: CheckContext, viewOffset: number, typedDrafts: TypedDrafts): boolean {
	const { lines, source } = ctx.model;
	const at = ctx.paragraph.toSourceStart(viewOffset);
	const line = lines.positionAt(at).line;
	// A long line is no title line; do not copy it (a one-block page is one line).
	if (lines.lineEnd(line) - lines.starts[line] > 4 * titleLength) return false;
	const text = source.slice(lines.starts[line], lines.lineEnd(line)).trim();
	const lineText = (i: number) => (i < 0 || i >= lines.lineCount ? '' : source.slice(lines.starts[i], lines.lineEnd(i)).trim());
	if (text.length > titleLength || startsWithDateline(text)) return false;
	// A line alone between blank lines without a full stop is a headline, whatever its marks.
	if (!/[。！？]/.test(text) && !lineText(line - 1) && !lineText(line + 1)) return true;
	if (bodyMarks.test(text)) return false;
	// In an OCR column every line is short and runs on into the next, so there a subheading
	// must be followed by a paragraph typed on one long line (or by nothing).
	const next = lineText(line + 1);
	if (!typedDrafts.typed(ctx.model) && next && next.length <= columnWidth) return false;
	for (let i = line - 1; i >= 0; i--) {
		const previous = lineText(i);
		// After the end of a sentence, or under another title line (headline, then subhead).
		if (previous) return endsSentence(previous) || (previous.length <= titleLength && !bodyMarks.test(previous) && !/[。！？]/.test(previous));
	}
	return true;
}

/** The width of an OCR column line; typed paragraphs run longer. */
const columnWidth = 40;

/** Whether a draft is typed one paragraph per line, rather than OCR'd from narrow columns; asked once per draft. */
class TypedDrafts {
	private readonly seen = new WeakMap<DraftModel, boolean>();

	typed(model: DraftModel): boolean {
		const known = this.seen.get(model);
		if (known !== undefined) return known;
		const typed = typedDraft(model);
		this.seen.set(model, typed);
		return typed;
	}
}

function typedDraft(model: DraftModel): boolean {
	let long = 0;
	let all = 0;
	for (const line of model.source.split('\n')) {
		const t = line.trim();
		if (!t) continue;
		all++;
		if (t.length > columnWidth) long++;
	}
	return all > 0 && long / all >= 0.3;
}

export const straySpace: Kind = {
	name: 'stray-space',
	params: noParams,
	defaultMessage: '中文之间或中文与数字之间多了空格',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const typedDrafts = new TypedDrafts();
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			gate: [' ', '\u3000', '\u00a0'],
			check(ctx) {
				const { text } = ctx.paragraph;
				const hits: Hit[] = [];
				// style latinSpacing: spaced wants one space between Chinese and digits (latin-space asks for it).
				const spaced = latinSpaced(ctx.options);
				for (const re of [strayAfterHan, strayAfterDigit]) {
					for (const m of text.matchAll(re)) {
						const start = m.index;
						const end = start + m[0].length;
						if (layoutSpace(ctx.paragraph, start, end) || onTitleLine(ctx, start, typedDrafts)) {
							continue;
						}
						const digitSide = spaced && /[0-9]/.test(re === strayAfterHan ? text[end] : text[start - 1]);
						if (digitSide && m[0] === ' ') continue;
						const name = m[0].includes('\u3000') ? '全角空格' : m[0].includes('\u00a0') ? '不换行空格' : '空格';
						// Next to a transliterated name (扎伊德·侯赛因 谴责) the space often sets the
						// name off on purpose; it is still worth a look, but not a warning.
						const nearName = foreignNameBefore.test(text.slice(Math.max(0, start - 12), start)) || foreignNameAfter.test(text.slice(end, end + 12));
						hits.push({
							start,
							end,
							slots: { space: name, context: contextAround(text, start, end) },
							fixes: [digitSide ? { title: '改为一个半角空格', text: ' ' } : { title: '删除空格', text: '' }],
							...(nearName ? { severity: 'info' as const, certain: false } : {}),
						});
					}
				}
				return hits;
			},
		};
	},
};
