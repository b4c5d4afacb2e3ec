import { LineIndex } from './lineIndex';
import { MarkTable } from './marks';

// Drafts arrive as OCR'd newspaper columns: lines break inside words (违\n法建设), blank
// lines can fall inside a sentence (积\n\n极做好), a file holds several stories, and
// headlines float between them. Rules see each paragraph as one string with the layout
// breaks removed; every offset in that string maps back to the exact source offset.

export type ParagraphKind = 'body' | 'headline' | 'byline';

/** A run of view text copied from the source, or one virtual character standing for a break. */
interface Run {
	view: number;
	source: number;
	length: number;
	virtual: boolean;
}

export class Paragraph {
	text = '';
	story = -1;
	/** Length of a dateline at the start of a body paragraph (本报讯, 新华社北京11月27日电). */
	datelineLength = 0;
	private readonly runs: Run[] = [];
	/**
	 * The last few characters of the view text. Reading a character of `text` while it is
	 * being built joins the whole string, so a one-block OCR page of 14,000 lines would be
	 * copied once per line; the parser reads this instead.
	 */
	tail = '';

	constructor(
		public kind: ParagraphKind,
		readonly index: number,
	) {}

	appendSource(source: string, start: number, end: number): void {
		if (end <= start) {
			return;
		}
		const last = this.runs[this.runs.length - 1];
		if (last && !last.virtual && last.source + last.length === start) {
			last.length += end - start;
		} else {
			this.runs.push({ view: this.text.length, source: start, length: end - start, virtual: false });
		}
		const added = source.slice(start, end);
		this.text += added;
		this.tail = added.length >= 32 ? added.slice(-32) : (this.tail + added).slice(-32);
	}

	/** A character that is in the view but not in the source, standing for the break at `source`. */
	appendVirtual(char: string, source: number): void {
		this.runs.push({ view: this.text.length, source, length: 1, virtual: true });
		this.text += char;
		this.tail = (this.tail + char).slice(-32);
	}

	private markTable: MarkTable | undefined;

	/** Where the paragraph's quotation marks, titles, banners and brackets open and close; built on first use. */
	get marks(): MarkTable {
		if (this.markTable?.text !== this.text) this.markTable = new MarkTable(this.text);
		return this.markTable;
	}

	get sourceStart(): number {
		return this.runs.length ? this.runs[0].source : 0;
	}

	get sourceEnd(): number {
		const last = this.runs[this.runs.length - 1];
		return last ? last.source + last.length : 0;
	}

	/** Source offset of the view character at `offset` (the start of a span). */
	toSourceStart(offset: number): number {
		if (offset >= this.text.length) {
			return this.sourceEnd;
		}
		const run = this.runAt(offset);
		return run.source + (run.virtual ? 0 : offset - run.view);
	}

	/** Source offset just after the view character at `offset - 1` (the end of a span). */
	toSourceEnd(offset: number): number {
		if (offset <= 0) {
			return this.sourceStart;
		}
		const run = this.runAt(offset - 1);
		return run.virtual ? run.source : run.source + (offset - run.view);
	}

	/** True when the view text between the two offsets crosses a layout break. */
	crossesBreak(start: number, end: number): boolean {
		return end > start && this.runAt(start) !== this.runAt(end - 1);
	}

	/**
	 * Where the layout breaks fall in the view text, as a short string: two paragraphs with
	 * the same text and layout give any paragraph-local check the same answers.
	 */
	layoutKey(): string {
		let key = '';
		for (const run of this.runs) {
			key += run.virtual ? `v${run.view},` : `${run.view},`;
		}
		return key;
	}

	private runAt(offset: number): Run {
		let lo = 0;
		let hi = this.runs.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.runs[mid].view <= offset) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return this.runs[lo];
	}
}

export interface Story {
	index: number;
	/** Paragraph indices, opener first. */
	paragraphs: number[];
	byline?: number;
}

export interface DraftModel {
	source: string;
	lines: LineIndex;
	paragraphs: Paragraph[];
	stories: Story[];
}

const space = /[\s\u3000\u00a0\ufeff\u200b]/;
const digit = '[0-9０-９]';
const hanNumber = '[一二三四五六七八九十〇]';
/** Outlets whose datelines open a story; 据 marks agency copy the paper has cut. */
const outlets = '本报|新华社|中新社|中新网|新华网|人民网|央视网|光明网|中国经济网|海外网|环球网|国际在线|人民日报|光明日报|经济日报|中国日报|解放军报';
// Typed and web copy writes the digits full-width (新华社北京１１月２７日电) and sometimes the
// year (BYL-006 reports it); both still open a story.
const datelinePattern = new RegExp(
	`^(?:本报讯|据?(?:${outlets})[\\u3400-\\u9fff]{0,8}?(?:${digit}{4}年)?(?:${digit}{1,2}月${digit}{1,2}|${hanNumber}{1,3}月${hanNumber}{1,3})日电)`,
);

// Bylines: role groups (记者 王赛华 通讯员 李磊), perhaps glued together (记者王赛华通讯员李磊),
// with a photo or text credit last (文/图, 摄); or credits alone (张三 摄, 张玉东/文 廖谦/图).
// The text model reads them to find where stories end, the byline rules to check the form.

export interface BylineGroup {
	/** The role as written (记者, 本报通讯员); empty for a credit without one (张三 摄). */
	role: string;
	names: string[];
	/** A credit written after one name with a slash (张玉东/文). */
	credit?: string;
}

export interface ParsedByline {
	groups: BylineGroup[];
	/** A photo or text credit written last (文/图, 摄). */
	credit?: string;
}

const roleSource = '(?:本报)?(?:(?:见习|特约|摄影|实习)?记者|(?:特约)?通讯员|实习生)';
const roleAtStart = new RegExp(`^${roleSource}`);
const roleInside = new RegExp(roleSource);
/** Credits written last; 摄影 and 拍摄 are older forms of 摄 (BYL-011). */
const lastCredit = /^(?:文[/／]图|图[/／]文|摄|图|摄影|拍摄)$/;
const nameSource = '[\\u3400-\\u9fff]{2,4}|[\\u3400-\\u9fff]{1,6}·[\\u3400-\\u9fff]{1,8}';
const fullName = new RegExp(`^(?:${nameSource})$`);
const slashCredit = new RegExp(`^(${nameSource})[/／]([文图])$`);
/**
 * Surnames a name glued to its role (记者王赛华) must start with, so that a fragment on a line
 * of its own (记者了解到, 记者连线专家) is not a byline. Characters that often start a verb or an
 * adverb after 记者 (连, 查, 谈, 高度, 白天) are left out: a reporter with such a surname writes
 * the byline with a space, as the house form wants anyway.
 */
const surnames = new Set(
	'王李张刘陈杨黄赵吴周徐孙马朱胡郭林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅邹孟熊秦邱尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤康施牛樊葛邢乔伍庞颜倪庄聂鲁岳翟殷詹欧耿兰焦俞柳祝符舒阮柯梅童凌毕季裴霍涂苗谷盛翁冉骆蓝靳柴鲍喻祁蒲滕屈饶牟艾穆农卓古吉缪简芦麦褚娄窦戚岑卜晏卫柏瞿桂佟臧闵苟邬卞姬仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘麻邝鞠荆冀郁胥班储栗燕楚鄢谌奚皮粟冼蔺楼阚权帅屠朴廉禹祖漆狄晁芮鹿邸雍辜裘邰赫杭逯嵇戎茅昝尧贠'.split(
		'',
	),
);
const compoundSurnames = /^(?:欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|令狐|夏侯|端木|长孙|宇文|司徒)/;

function isName(word: string, glued: boolean): boolean {
	if (!fullName.test(word)) {
		return false;
	}
	return !glued || word.includes('·') || surnames.has(word[0]) || compoundSurnames.test(word);
}

/** Splits a byline into role groups and credits; undefined when the text is not a byline. */
export function parseByline(text: string): ParsedByline | undefined {
	const parsed: ParsedByline = { groups: [] };
	let rest = text.trim();
	// Whether the next word follows a role or a name with no separator (记者王赛华).
	let glued = false;
	let single: BylineGroup | undefined;
	while (rest) {
		const gap = /^[ \u3000]+|^、/.exec(rest);
		if (gap) {
			rest = rest.slice(gap[0].length);
			glued = false;
			continue;
		}
		if (parsed.credit !== undefined) {
			// A credit anywhere but last is something else.
			return undefined;
		}
		const r = roleAtStart.exec(rest);
		if (r) {
			parsed.groups.push({ role: r[0], names: [] });
			const after = /^[ \u3000]*[:：]?[ \u3000]*/.exec(rest.slice(r[0].length))![0];
			rest = rest.slice(r[0].length + after.length);
			glued = after.length === 0;
			continue;
		}
		let token = /^[^ \u3000:：、]+/.exec(rest)?.[0];
		if (!token) {
			return undefined;
		}
		const isLast = token === rest;
		if (lastCredit.test(token) && isLast && parsed.groups.length) {
			parsed.credit = token;
			rest = '';
			continue;
		}
		const slash = slashCredit.exec(token);
		if (slash) {
			parsed.groups.push({ role: '', names: [slash[1]], credit: slash[2] });
			rest = rest.slice(token.length);
			continue;
		}
		// A role glued to the next name (王赛华通讯员李磊) ends the word before it, and a
		// credit glued to the last name of a role group (王赛华摄) is split off.
		const inner = roleInside.exec(token.slice(1));
		if (inner) {
			token = token.slice(0, inner.index + 1);
		}
		const gluedCredit = !inner && isLast ? /^(.{2,}?)(文[/／]图|拍摄|摄)$/.exec(token) : null;
		const word = gluedCredit && parsed.groups[parsed.groups.length - 1]?.role ? gluedCredit[1] : token;
		let group = parsed.groups[parsed.groups.length - 1];
		if (!group || group.credit !== undefined) {
			// Names before any role are a credit line (张三 摄); checked once the credit is known.
			group = { role: '', names: [] };
			parsed.groups.push(group);
		}
		const previous = group.names[group.names.length - 1];
		if (word.length === 1 && !glued) {
			// A two-character name padded to line up with three-character ones (邢　拓).
			if (single === group && previous?.length === 1) {
				group.names[group.names.length - 1] = previous + word;
				single = undefined;
			} else {
				group.names.push(word);
				single = group;
			}
		} else if (isName(word, glued)) {
			group.names.push(word);
			single = undefined;
		} else {
			return undefined;
		}
		rest = rest.slice(word.length);
		glued = true;
	}
	if (!parsed.groups.length || parsed.groups.some((g) => !g.names.length || g.names.some((n) => n.length < 2))) {
		return undefined;
	}
	// Names without a role stand only before a closing credit (张三 摄), never alone.
	if (parsed.groups.some((g) => !g.role && g.credit === undefined) && !(parsed.groups.length === 1 && parsed.credit)) {
		return undefined;
	}
	return parsed;
}

/** A word every byline has: a role or a credit. */
const bylineWord = /记者|通讯员|实习生|摄|图/;

/** True for a whole line that is a byline. */
export function isBylineLine(text: string): boolean {
	// Every line of a page is asked; most have none of the words a byline needs.
	return text.length <= 60 && bylineWord.test(text) && parseByline(text) !== undefined;
}

/**
 * A byline standing after the last sentence on the same line (`工作。 记者 王赛华`): where the
 * sentence ends and where the byline starts, in the line's text.
 */
function trailingByline(text: string): { sentenceEnd: number; start: number } | undefined {
	const m = /[。！？!?”」』]([ \u3000]+)([^。！？!?”」』]+)$/.exec(text);
	// A credit without a role after a caption (现场。　陈超 摄) belongs to a photo, not a story.
	const parsed = m && m[2].length <= 60 ? parseByline(m[2]) : undefined;
	return parsed && parsed.groups[0].role ? { sentenceEnd: m!.index + 1, start: text.length - m![2].length } : undefined;
}

/** A web or broadcast story's opening words: 央视网消息（新闻联播）：. */
const newsOpener = /^[\u3400-\u9fff]{2,8}消息[（(][^）)]{1,10}[）)][:：]/;
/** The longest one-line title that may carry inner marks (a banner, a name, a colon and a phrase). */
const markedTitleLength = 64;
/** OCR column lines are shorter than this; longer lines are typed paragraphs. */
const columnWidth = 40;
/** The longest title line that may end in a stray 。 (longer lines ending so are sentences). */
const titleLength = 32;
const sentencePunctuation = /[，。；：！？、,;:!?]/;
const closers = /[”’」』）)】》\]"]+$/;
const sentenceEnd = /[。！？!?…；;：:]$/;

export function endsSentence(text: string): boolean {
	return sentenceEnd.test(text.replace(closers, ''));
}

export function startsWithDateline(text: string): number {
	const m = datelinePattern.exec(text);
	return m ? m[0].length : 0;
}

interface LineInfo {
	line: number;
	/** Content bounds in the source, without the layout spaces at either end. */
	start: number;
	end: number;
	text: string;
	indented: boolean;
}

function contentOf(lines: LineIndex, line: number): LineInfo | undefined {
	const lineStart = lines.starts[line];
	const lineEnd = lines.lineEnd(line);
	let start = lineStart;
	let end = lineEnd;
	const src = lines.text;
	while (start < end && space.test(src[start])) {
		start++;
	}
	while (end > start && space.test(src[end - 1])) {
		end--;
	}
	if (start === end) {
		return undefined;
	}
	return { line, start, end, text: src.slice(start, end), indented: start > lineStart };
}

const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

export function parseDraft(source: string): DraftModel {
	const lines = new LineIndex(source);
	const blocks: LineInfo[][] = [];
	let current: LineInfo[] = [];
	for (let i = 0; i < lines.lineCount; i++) {
		const info = contentOf(lines, i);
		if (info) {
			current.push(info);
		} else if (current.length) {
			blocks.push(current);
			current = [];
		}
	}
	if (current.length) {
		blocks.push(current);
	}

	const paragraphs: Paragraph[] = [];
	const open = (kind: ParagraphKind) => {
		const p = new Paragraph(kind, paragraphs.length);
		paragraphs.push(p);
		return p;
	};
	// Appends a line to a paragraph, standing a virtual space for a break between two Latin letters.
	const append = (p: Paragraph, start: number, end: number, breakAt: number) => {
		if (p.tail.length && isAsciiLetter(p.tail[p.tail.length - 1]) && isAsciiLetter(source[start])) {
			p.appendVirtual(' ', breakAt);
		}
		p.appendSource(source, start, end);
	};

	/** Opens one byline paragraph over lines `from` to `to` (exclusive), a virtual space standing for each break. */
	const openByline = (block: LineInfo[], from: number, to: number, start = block[from].start) => {
		const p = open('byline');
		p.appendSource(source, start, block[from].end);
		for (let k = from + 1; k < to; k++) {
			p.appendVirtual(' ', block[k - 1].end);
			p.appendSource(source, block[k].start, block[k].end);
		}
	};
	// A byline closes a block or stands before a dateline, and may take several lines
	// (记者 王赛华 / 通讯员 李磊): where the run of byline lines from line `i` ends, or -1.
	const bylineRunEnd = (block: LineInfo[], i: number): number => {
		let k = i;
		while (k < block.length && isBylineLine(block[k].text)) {
			k++;
		}
		return k > i && (k === block.length || startsWithDateline(block[k].text) > 0) ? k : -1;
	};
	// Blocks that stand in a headline's place: no sentence marks (a title), or one short line
	// closed by a full stop and nothing else (a title with a stray 。, PUN-030).
	const plainTitle = (block: LineInfo[]) =>
		block.length <= 4 &&
		// No length limit: a fix must never turn a headline into body text or back.
		block.every((l) => !sentencePunctuation.test(l.text)) &&
		!startsWithDateline(block[0].text) &&
		!isBylineLine(block[0].text);
	const stoppedTitle = (block: LineInfo[]) => {
		const last = block[block.length - 1].text;
		return (
			block.length <= 4 &&
			block.every((l) => l.text.length <= titleLength) &&
			last.endsWith('。') &&
			!sentencePunctuation.test(last.slice(0, -1)) &&
			block.slice(0, -1).every((l) => !sentencePunctuation.test(l.text)) &&
			!startsWithDateline(block[0].text) &&
			!isBylineLine(block[0].text)
		);
	};

	// A one-line block in a title's place may carry commas, enumeration commas and colons
	// (伊总理：欢迎俄在伊空袭极端组织, 韩正会见联合国秘书长、美国国务卿): at the draft's
	// start, after a byline or under another title, with no end mark, and above typed text
	// (a long line or a dateline), so that a sentence an OCR column cuts by a blank line
	// (会议强调，要再接\n\n再励) is never taken for one.
	const titleLine = (block: LineInfo[]) => {
		const text = block[0].text;
		return (
			block.length === 1 &&
			text.length <= markedTitleLength &&
			!endsSentence(text) &&
			!/[，、；：,;:]$/.test(text) &&
			!startsWithDateline(text) &&
			!isBylineLine(text)
		);
	};
	const markedTitle = (b: number) => {
		let j = b;
		while (j < blocks.length && titleLine(blocks[j])) j++;
		const next = blocks[j]?.[0].text;
		return j > b && next !== undefined && (next.length > columnWidth || startsWithDateline(next) > 0 || newsOpener.test(next));
	};

	let previousEndedMidSentence = false;
	// What stands before the current run of titles: the draft's start, a byline, or body text.
	let before: 'start' | 'byline' | 'body' = 'start';
	// A run of titles checked once: blocks below `titlesUntil` are titles if `titlesAccepted`.
	let titlesUntil = -1;
	let titlesAccepted = false;
	for (let b = 0; b < blocks.length; b++) {
		const block = blocks[b];
		const firstText = block[0].text;
		let isHeadline = !previousEndedMidSentence && (plainTitle(block) || (before !== 'body' && markedTitle(b)));
		if (!isHeadline && !previousEndedMidSentence && before !== 'body' && stoppedTitle(block)) {
			// A short line closed by 。 is a title only where titles stand: between a story's
			// byline (or the draft's start) and the next dateline, or after the last byline when
			// the page ends in titles. The last sentence of a story never stands there.
			if (b >= titlesUntil) {
				let j = b + 1;
				while (j < blocks.length && (plainTitle(blocks[j]) || stoppedTitle(blocks[j]))) {
					j++;
				}
				const opens = j < blocks.length && startsWithDateline(blocks[j][0].text) > 0;
				titlesUntil = j;
				titlesAccepted = opens || (j === blocks.length && before === 'byline' && (j - b > 1 || paragraphs[paragraphs.length - 1]?.kind === 'headline'));
			}
			isHeadline = titlesAccepted;
		}
		if (isHeadline) {
			// Title lines, then perhaps a feature's byline under them in the same block.
			const bylineFrom = block.findIndex((_l, i) => i > 0 && bylineRunEnd(block, i) === block.length);
			const titleLines = bylineFrom > 0 ? bylineFrom : block.length;
			for (let i = 0; i < titleLines; i++) {
				open('headline').appendSource(source, block[i].start, block[i].end);
			}
			if (bylineFrom > 0) {
				openByline(block, bylineFrom, block.length);
				before = 'byline';
			}
			previousEndedMidSentence = false;
			continue;
		}

		// A block that continues a sentence cut by a blank line joins the previous paragraph.
		const last = paragraphs[paragraphs.length - 1];
		let para: Paragraph | undefined = previousEndedMidSentence && last?.kind === 'body' && !startsWithDateline(firstText) ? last : undefined;
		let breakAt = last ? last.sourceEnd : 0;

		for (let i = 0; i < block.length; i++) {
			const l = block[i];
			const runEnd = bylineRunEnd(block, i);
			if (runEnd > 0) {
				openByline(block, i, runEnd);
				para = undefined;
				i = runEnd - 1;
				continue;
			}
			const dateline = startsWithDateline(l.text);
			// Drafts typed with one paragraph per line (not OCR columns, whose lines are short)
			// break paragraphs at line ends that close a sentence; so does an indented line.
			const previous = i > 0 ? block[i - 1] : undefined;
			const closesParagraph =
				para?.kind === 'body' && endsSentence(para.tail) && (l.indented || (previous !== undefined && previous.text.length > columnWidth));
			const startsParagraph = !para || dateline > 0 || closesParagraph;
			if (startsParagraph) {
				para = open('body');
				para.datelineLength = dateline;
			}
			const isLastLine = i === block.length - 1;
			const nextOpens = !isLastLine && startsWithDateline(block[i + 1].text) > 0;
			const followingRun = isLastLine ? i + 1 : nextOpens ? i + 1 : bylineRunEnd(block, i + 1);
			const trailing = followingRun > 0 ? trailingByline(l.text) : undefined;
			if (trailing) {
				append(para!, l.start, l.start + trailing.sentenceEnd, breakAt);
				openByline(block, i, followingRun, l.start + trailing.start);
				para = undefined;
				i = followingRun - 1;
				continue;
			}
			append(para!, l.start, l.end, breakAt);
			breakAt = l.end;
		}
		const tail = paragraphs[paragraphs.length - 1];
		previousEndedMidSentence = tail.kind === 'body' && !endsSentence(tail.tail);
		before = tail.kind === 'byline' ? 'byline' : 'body';
	}

	// Stories: a dateline opens one, a byline closes it. Headlines stand outside stories.
	const stories: Story[] = [];
	let story: Story | undefined;
	for (const p of paragraphs) {
		if (p.kind === 'headline') {
			continue;
		}
		if (p.kind === 'body' && p.datelineLength > 0) {
			story = { index: stories.length, paragraphs: [] };
			stories.push(story);
		}
		if (!story) {
			continue;
		}
		p.story = story.index;
		story.paragraphs.push(p.index);
		if (p.kind === 'byline') {
			story.byline = p.index;
			story = undefined;
		}
	}
	return { source, lines, paragraphs, stories };
}
