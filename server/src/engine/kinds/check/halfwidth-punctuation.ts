import { fastHan, hanRe } from '../../chars';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { endsSentence, type Paragraph } from '../../textModel';
import { lineEnd } from '../support/credits';
import { bracketedByline } from './byline-form';
import { paragraphs, params, type Static, Type } from '../support/params';

// GB/T 15834-2011: Chinese running text takes full-width marks. A half-width mark next to
// a Han character is a typing slip; decimals (3.5), times (15:40) and Latin text are not.
// With `quotes: true` the kind looks at quotation marks instead: straight quotes around
// Chinese text ("暖心工程") and the corner quotes of vertical setting (「」『』).

const fullwidth: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
// After Han (or a percentage, or a closing mark after Han) and before Han or the paragraph end.
// A lookahead on the first character before a leading lookbehind lets V8 skip to where a
// match can start instead of trying every position (see runnableSource in regexLiterals).
const markBetweenHan = fastHan(/(?=[,.;:?!])(?<=(?:\p{Script=Han}|[0-9]%)[)）”’]?)[,.;:?!](?=[“‘《（]?\p{Script=Han}|[”’）]?$)/gu);
// A bracket pair whose content holds Han text and which touches Han text outside.
const bracketPair = /\(([^()\n]{0,40})\)/gu;
const singlePair = fastHan(/(?=')(?<=\p{Script=Han}|^)'([^'\n]{1,30})'(?=\p{Script=Han}|[，。；：！？、]|$)/gu);
const corner: Record<string, string> = { '「': '“', '」': '”', '『': '‘', '』': '’' };

function hanIn(s: string | undefined): boolean {
	return s !== undefined && hanRe.test(s);
}

/**
 * Characters that spell foreign names in Chinese (Xinhua's transcription tables): a `?`
 * between two runs of them stands for a middle dot lost in an encoding round trip
 * (普拉博沃?苏比安托), not for a question.
 */
const transcription = new Set(
	'阿埃艾爱安昂奥巴贝本比彼毕宾波伯勃博布查达丹当道德登迪蒂丁东杜顿多厄恩尔法范菲费芬丰弗福富盖甘冈戈格贡古瓜圭哈海汉豪赫亨洪胡华怀霍基吉加贾杰金卡凯坎康考科克肯库奎拉莱兰朗劳勒雷里利莉林琳隆卢鲁伦罗洛玛迈麦曼芒梅门蒙米敏莫默姆穆纳娜奈南内尼宁纽努诺欧帕潘庞佩彭皮珀普奇契齐乔切钦琼丘萨塞桑瑟森沙尚舍什施斯松苏索塔泰坦汤唐特滕提廷图托瓦万旺威韦维温沃乌西希谢辛休雅亚扬耶伊因英尤约泽扎詹兹佐'.split(
		'',
	),
);

function nameRun(s: string): boolean {
	return s.length === 2 && [...s].every((c) => transcription.has(c));
}

/** A `?` between two parts of a transcribed name: 普拉博沃?苏比安托. */
function lostNameDot(text: string, at: number): boolean {
	return text[at] === '?' && nameRun(text.slice(at - 2, at)) && nameRun(text.slice(at + 1, at + 3));
}

function checkMarks(text: string, datelineLength: number): Hit[] {
	const hits: Hit[] = [];
	for (const m of text.matchAll(markBetweenHan)) {
		const mark = m[0];
		// 3.5, 1.2万 and 15:40 never reach here (a digit precedes). A point between two Han
		// characters may be a stop or a mistyped name separator (卡尔.马克思): two choices.
		if (mark === '.' && hanIn(text[m.index + 1])) {
			hits.push({
				start: m.index,
				end: m.index + 1,
				slots: { found: mark, replace: '。' },
				fixes: [
					{ title: '改为“。”', text: '。' },
					{ title: '改为间隔号“·”', text: '·' },
				],
				certain: false,
			});
			continue;
		}
		if (lostNameDot(text, m.index)) {
			hits.push({
				start: m.index,
				end: m.index + 1,
				message: '外国人名中间的“?”应为间隔号“·”',
				fixes: [{ title: '改为间隔号“·”', text: '·' }],
				certain: false,
			});
			continue;
		}
		hits.push({
			start: m.index,
			end: m.index + 1,
			slots: { found: mark, replace: fullwidth[mark] },
			fixes: [{ title: `改为“${fullwidth[mark]}”`, text: fullwidth[mark] }],
		});
	}
	// A dateline's bracketed byline is the byline rules' to report (BYL-001), once.
	const byline = datelineLength > 0 ? bracketedByline(text, datelineLength) : undefined;
	for (const m of text.matchAll(bracketPair)) {
		const inner = m[1];
		const before = text[m.index - 1];
		const after = text[m.index + m[0].length];
		if (!hanIn(inner) || !(hanIn(before) || hanIn(after)) || m.index === byline?.start) {
			continue;
		}
		const fixed = `（${inner}）`;
		hits.push({ start: m.index, end: m.index + m[0].length, slots: { found: m[0], replace: '（）' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] });
	}
	return hits;
}

/**
 * The stretches of a paragraph that quotation marks pair within: a quotation never pairs
 * across the end of a written paragraph (a typed line that closes its sentence, or one
 * followed by a line opening with a quotation mark), though it does across the line breaks
 * of an OCR column.
 */
function quoteStretches(paragraph: Paragraph): [number, number][] {
	const { text } = paragraph;
	const stretches: [number, number][] = [];
	let from = 0;
	for (let at = 0; at < text.length;) {
		const end = lineEnd(paragraph, at);
		if (end >= text.length || endsSentence(text.slice(Math.max(from, end - 8), end)) || /^["“]/.test(text.slice(end))) {
			stretches.push([from, end]);
			from = end;
		}
		at = end;
	}
	return stretches;
}

/**
 * Which way a lone straight quote faces, from what stands beside it: after a colon, a
 * comma or at the start it opens; after the end of a sentence or before a stop it closes.
 */
function facing(text: string, at: number, from: number, to: number): '“' | '”' | undefined {
	const before = at > from ? text[at - 1] : '';
	const after = at + 1 < to ? text[at + 1] : '';
	if ((before === '' || /[：:，,（(\s]/.test(before)) && after && !/[，。；！？,.;!?]/.test(after)) return '“';
	if (/[。！？!?…]/.test(before) || after === '' || /[，。；：、）,.;:)]/.test(after)) return '”';
	return undefined;
}

function checkQuotes(paragraph: Paragraph): Hit[] {
	const { text } = paragraph;
	const hits: Hit[] = [];
	if (text.includes('"')) {
		const stretches = quoteStretches(paragraph);
		stretches.forEach(([from, to], k) => {
			const marks = [...text.slice(from, to).matchAll(/"/g)].map((m) => from + m.index);
			if (!marks.length) return;
			// A quotation over several paragraphs opens each of them and closes only at its end.
			const runsOn = marks.length % 2 === 1 && marks[0] === from && /^"/.test(text.slice(stretches[k + 1]?.[0] ?? text.length));
			const paired = marks.length % 2 === 0 ? marks : runsOn ? marks.slice(1) : [];
			if (runsOn) {
				hits.push({ start: marks[0], end: marks[0] + 1, slots: { replace: '“' }, fixes: [{ title: '改为““”', text: '“' }] });
			}
			for (let i = 0; i + 1 < paired.length; i += 2) {
				const [s, e] = [paired[i], paired[i + 1]];
				const inner = text.slice(s + 1, e);
				if (!hanIn(inner) && !(hanIn(text[s - 1]) && hanIn(text[e + 1]))) continue;
				const fixed = `“${inner}”`;
				hits.push({ start: s, end: e + 1, slots: { replace: '“”' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] });
			}
			if (paired.length || runsOn) return;
			// An odd count: each mark faces the way its neighbours say, or is only reported.
			for (const at of marks) {
				if (!hanIn(text[at - 1]) && !hanIn(text[at + 1]) && !hanIn(text[at - 2]) && !hanIn(text[at + 2])) continue;
				const way = facing(text, at, from, to);
				hits.push({ start: at, end: at + 1, slots: { replace: way ?? '“”' }, fixes: way ? [{ title: `改为“${way}”`, text: way }] : [], certain: false });
			}
		});
	}
	for (const m of text.matchAll(singlePair)) {
		if (!hanIn(m[1])) continue;
		const fixed = `‘${m[1]}’`;
		hits.push({ start: m.index, end: m.index + m[0].length, slots: { replace: '‘’' }, fixes: [{ title: `改为“${fixed}”`, text: fixed }] });
	}
	for (const m of text.matchAll(/[「」『』]/g)) {
		hits.push({
			start: m.index,
			end: m.index + 1,
			slots: { replace: corner[m[0]] },
			message: m[0] === '「' || m[0] === '」' ? '简体中文横排用弯引号“”，不用直角引号「」' : '简体中文横排用单引号‘’，不用直角引号『』',
			fixes: [{ title: `改为“${corner[m[0]]}”`, text: corner[m[0]] }],
		});
	}
	return hits.sort((a, b) => a.start - b.start);
}

export const halfwidthPunctuationParams = params({
	quotes: Type.Optional(Type.Boolean({ description: '查直引号与直角引号，而不是半角点号和括号。' })),
	in: Type.Optional(paragraphs({ description: '检查的段落种类（默认只查正文）。' })),
});

export const halfwidthPunctuation: Kind = {
	name: 'halfwidth-punctuation',
	params: halfwidthPunctuationParams,
	defaultMessage: '中文语句中应使用全角标点“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const p = entry as unknown as Static<typeof halfwidthPunctuationParams>;
		const quotes = p.quotes === true;
		return {
			meta,
			paragraphKinds: p.in ?? ['body'],
			needsWords: false,
			// Every shape it reports holds one of these marks.
			gate: [...',.;:?!()"\'「」『』'],
			check(ctx) {
				return quotes ? checkQuotes(ctx.paragraph) : checkMarks(ctx.paragraph.text, ctx.paragraph.datelineLength);
			},
		};
	},
};
