import { WordError } from './container';

// One strict XML reader for every part of a package, made for reading Word's parts fast:
// it walks the string once, hands each start tag, end tag and stretch of text to the
// caller with its offsets in the string (which is what lets a revision replace a few runs
// and leave every other byte alone), and builds no object per element: names are the only
// strings it makes, and attribute values are decoded only when asked for. It still checks
// everything well-formedness asks of a document: names, quoting, one root, matching end
// tags, unique attributes, references to the five entities XML defines or to valid
// characters, no character XML forbids; a fault is reported with its line and column. It
// never reads a DTD: a part with a DOCTYPE at all is refused outright (Office never writes
// one, and an entity declaration is the way in for billion-laughs and external-entity
// attacks), so no entity beyond XML's five is ever expanded and nothing is fetched.

/** The start tag being reported; valid only during the `open` call. */
export interface StartTag {
	readonly name: string;
	/** The value of an attribute, by its qualified name (entities resolved). */
	attr(name: string): string | undefined;
	/** Every attribute, by qualified name. */
	attributes(): Record<string, string>;
}

export interface XmlHandlers {
	/** A start tag, from its `<` (start) to past its `>` (end). */
	open?(tag: StartTag, start: number, end: number): void;
	/** An end tag from its `<` to past its `>`; for a self-closing tag, right after `open` with the same offsets. */
	close?(name: string, start: number, end: number): void;
	/** Character data inside the root, source offsets: decode it with `xmlText`. CDATA content comes with `cdata`. */
	text?(start: number, end: number, cdata: boolean): void;
}

/** XML 1.0 NameStartChar (surrogates stand for the planes above the BMP, and are allowed as far as plane 14). */
function nameStart(c: number): boolean {
	return (
		(c >= 0x61 && c <= 0x7a) ||
		(c >= 0x41 && c <= 0x5a) ||
		c === 0x5f ||
		c === 0x3a ||
		(c >= 0xc0 && c <= 0x2ff && c !== 0xd7 && c !== 0xf7) ||
		(c >= 0x370 && c <= 0x1fff && c !== 0x37e) ||
		c === 0x200c ||
		c === 0x200d ||
		(c >= 0x2070 && c <= 0x218f) ||
		(c >= 0x2c00 && c <= 0x2fef) ||
		(c >= 0x3001 && c <= 0xdb7f) ||
		(c >= 0xdc00 && c <= 0xdfff) ||
		(c >= 0xf900 && c <= 0xfdcf) ||
		(c >= 0xfdf0 && c <= 0xfffd)
	);
}

const nameChar = (c: number): boolean => nameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;

const START = 1;
const NAME = 2;
const SPACE = 4;
/** The class of every UTF-16 code unit: one read per character where names are scanned. Made on first use. */
let classes: Uint8Array | undefined;
function characterClasses(): Uint8Array {
	if (!classes) {
		classes = new Uint8Array(0x10000);
		for (let c = 0; c < 0x10000; c++) classes[c] = (nameStart(c) ? START : 0) | (nameChar(c) ? NAME : 0) | (c === 0x20 || c === 0x9 || c === 0xa || c === 0xd ? SPACE : 0);
	}
	return classes;
}

/** Characters XML 1.0 does not allow anywhere (lone surrogates cannot come out of the decoder). */
const forbidden = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const declaration = /<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/y;
const predefined = new Map([
	['amp', '&'],
	['lt', '<'],
	['gt', '>'],
	['quot', '"'],
	['apos', "'"],
]);

/** A character a reference may name. */
const allowedChar = (c: number): boolean => c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

class Reader implements StartTag {
	name = '';
	private readonly classes = characterClasses();
	/** The current start tag's attributes: name start, name end, value start, value end. */
	private spans = new Int32Array(64);
	private count = 0;

	constructor(
		private readonly xml: string,
		private readonly partName: string,
	) {}

	fail(at: number, reason: string): never {
		const before = this.xml.slice(0, at);
		let line = 1;
		for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
		const column = at - (before.lastIndexOf('\n') + 1) + 1;
		throw new WordError(`文件已损坏：${this.partName} 第 ${line} 行第 ${column} 列 XML 格式错误（${reason}），已跳过`);
	}

	/** Element names met so far, by a hash of their characters: each name is made as a string once. */
	private names: string[] = new Array<string>(1024).fill('');
	/** The hash of the last name `nameEnd` read. */
	private hash = 0;

	/** The name `nameEnd` just read, as the one string every occurrence shares. */
	private nameAt(start: number, end: number): string {
		const slot = this.hash & 1023;
		const known = this.names[slot];
		if (known.length === end - start && this.xml.startsWith(known, start)) return known;
		return (this.names[slot] = this.xml.slice(start, end));
	}

	/** The end of the name starting at `at`, or a failure naming `what`. */
	private nameEnd(at: number, what: string): number {
		const xml = this.xml;
		const classes = this.classes;
		if (at >= xml.length) this.fail(at, `${what}不完整，文件在此结束`);
		if (!(classes[xml.charCodeAt(at)] & START)) this.fail(at, `${what}无效`);
		let i = at + 1;
		while (i < xml.length && classes[xml.charCodeAt(i)] & NAME) i++;
		return i;
	}

	/** nameEnd for an element's name, with a hash of it for nameAt. */
	private elementNameEnd(at: number, what: string): number {
		const xml = this.xml;
		const classes = this.classes;
		if (at >= xml.length) this.fail(at, `${what}不完整，文件在此结束`);
		let c = xml.charCodeAt(at);
		if (!(classes[c] & START)) this.fail(at, `${what}无效`);
		let hash = c;
		let i = at + 1;
		for (; i < xml.length; i++) {
			c = xml.charCodeAt(i);
			if (!(classes[c] & NAME)) break;
			hash = (hash * 31 + c) | 0;
		}
		this.hash = hash;
		return i;
	}

	private skipSpace(at: number): number {
		const xml = this.xml;
		const classes = this.classes;
		while (at < xml.length && classes[xml.charCodeAt(at)] & SPACE) at++;
		return at;
	}

	private isSpace(at: number): boolean {
		return at < this.xml.length && (this.classes[this.xml.charCodeAt(at)] & SPACE) !== 0;
	}

	/** Checks the reference at `at` (an `&`), which must end before `limit`; returns the offset past its `;`. */
	private reference(at: number, limit: number): number {
		const xml = this.xml;
		if (xml.charCodeAt(at + 1) === 35 /* # */) {
			const hex = xml.charCodeAt(at + 2) === 120; /* x */
			const first = at + (hex ? 3 : 2);
			let i = first;
			let value = 0;
			for (; i < limit; i++) {
				const c = xml.charCodeAt(i);
				const digit = c >= 48 && c <= 57 ? c - 48 : hex && c >= 97 && c <= 102 ? c - 87 : hex && c >= 65 && c <= 70 ? c - 55 : -1;
				if (digit < 0) break;
				value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000);
			}
			if (i === first || i >= limit || xml.charCodeAt(i) !== 59) this.fail(at, '字符引用格式错误');
			if (!allowedChar(value)) this.fail(at, `字符引用 ${xml.slice(at, i + 1)} 指向 XML 不允许的字符`);
			return i + 1;
		}
		const end = this.nameEnd(at + 1, '& 后的实体名');
		if (end >= limit || xml.charCodeAt(end) !== 59) this.fail(at, '实体引用缺少分号');
		const name = xml.slice(at + 1, end);
		if (!predefined.has(name)) this.fail(at, `未定义的实体 &${name};`);
		return end + 1;
	}

	/** A character XML does not allow, or `]]>` in character data, at `at`. */
	private badCharacter(at: number): never {
		const c = this.xml.charCodeAt(at);
		return this.fail(at, c === 93 ? '文字中不能有 ]]>' : `XML 不允许的字符 U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
	}

	/** Checks character data: characters XML allows, references it knows, no `]]>`. */
	private checkText(from: number, to: number): void {
		const xml = this.xml;
		for (let i = from; i < to; i++) {
			const c = xml.charCodeAt(i);
			if (c === 38) i = this.reference(i, to) - 1;
			else if (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c === 93 ? xml.startsWith(']]>', i) : c >= 0xfffe) this.badCharacter(i);
		}
	}

	/** Checks the content of a comment, processing instruction or CDATA section for characters XML does not allow. */
	private checkChars(from: number, to: number): void {
		const bad = forbidden.exec(this.xml.slice(from, to));
		if (bad) this.badCharacter(from + bad.index);
	}

	parse(handlers: XmlHandlers): void {
		const xml = this.xml;
		const n = xml.length;
		const { open, close, text } = handlers;
		let pos = 0;
		if (xml.startsWith('<?xml') && this.isSpace(5)) {
			declaration.lastIndex = 0;
			if (!declaration.test(xml)) this.fail(0, 'XML 声明格式错误');
			pos = declaration.lastIndex;
		}
		const stack: string[] = [];
		let rootSeen = false;
		while (pos < n) {
			// Word writes tags back to back: most of the time the next one starts right here.
			const lt = xml.charCodeAt(pos) === 60 ? pos : xml.indexOf('<', pos);
			const textEnd = lt < 0 ? n : lt;
			if (textEnd > pos) {
				if (stack.length === 0) {
					const at = this.skipSpace(pos);
					if (at < textEnd) this.fail(at, rootSeen ? '根元素之后不能有文字' : '根元素之前不能有文字');
				} else {
					this.checkText(pos, textEnd);
					text?.(pos, textEnd, false);
				}
			}
			if (lt < 0) break;
			const c = xml.charCodeAt(lt + 1);
			if (c === 47 /* / */) {
				const end = this.nameEnd(lt + 2, '结束标签名');
				const top = stack[stack.length - 1];
				if (top === undefined) this.fail(lt, `多余的结束标签 </${xml.slice(lt + 2, end)}>`);
				if (end - lt - 2 !== top.length || !xml.startsWith(top, lt + 2)) this.fail(lt, `结束标签 </${xml.slice(lt + 2, end)}> 与开始标签 <${top}> 不匹配`);
				const gt = this.skipSpace(end);
				if (xml.charCodeAt(gt) !== 62) this.fail(gt, `结束标签 </${top}> 缺少 >`);
				stack.pop();
				close?.(top, lt, gt + 1);
				pos = gt + 1;
			} else if (c === 33 /* ! */) {
				pos = this.declarationAt(lt, stack.length > 0, text);
			} else if (c === 63 /* ? */) {
				const end = this.nameEnd(lt + 2, '处理指令名');
				if (xml.slice(lt + 2, end).toLowerCase() === 'xml') this.fail(lt, 'XML 声明只能在文件开头');
				const close = xml.indexOf('?>', end);
				if (close < 0) this.fail(lt, '处理指令没有结束');
				if (close > end && !this.isSpace(end)) this.fail(end, '处理指令名后应有空白');
				this.checkChars(end, close);
				pos = close + 2;
			} else {
				if (stack.length === 0 && rootSeen) this.fail(lt, '只能有一个根元素');
				const end = this.startTag(lt);
				rootSeen = true;
				open?.(this, lt, end);
				if (xml.charCodeAt(end - 2) === 47 /* / */) close?.(this.name, lt, end);
				else stack.push(this.name);
				pos = end;
			}
		}
		if (stack.length) this.fail(n, `元素 <${stack[stack.length - 1]}> 没有结束标签`);
		if (!rootSeen) this.fail(n, '没有根元素');
	}

	/** Reads the start tag at `lt` into this reader; returns the offset past its `>`. */
	private startTag(lt: number): number {
		const xml = this.xml;
		const n = xml.length;
		const nameEnd = this.elementNameEnd(lt + 1, '标签名');
		this.name = this.nameAt(lt + 1, nameEnd);
		this.count = 0;
		let at = nameEnd;
		for (;;) {
			const next = this.skipSpace(at);
			const c = xml.charCodeAt(next);
			if (c === 62 /* > */) return next + 1;
			if (c === 47 /* / */) {
				if (xml.charCodeAt(next + 1) !== 62) this.fail(next, `标签 <${this.name}> 中 / 后应是 >`);
				return next + 2;
			}
			if (Number.isNaN(c)) this.fail(next, `标签 <${this.name}> 没有结束，文件在此结束`);
			if (next === at) this.fail(next, `标签 <${this.name}> 的属性前应有空白`);
			const attrEnd = this.nameEnd(next, `标签 <${this.name}> 的属性名`);
			const eq = this.skipSpace(attrEnd);
			if (xml.charCodeAt(eq) !== 61 /* = */) this.fail(eq, `属性 ${xml.slice(next, attrEnd)} 后应是 =`);
			const open = this.skipSpace(eq + 1);
			const quote = xml.charCodeAt(open);
			if (quote !== 34 && quote !== 39) this.fail(open, `属性 ${xml.slice(next, attrEnd)} 的值应在引号中`);
			// The value, to its closing quote: no < in it, and only known references.
			let close = open + 1;
			for (let c = xml.charCodeAt(close); c !== quote; c = xml.charCodeAt(close)) {
				if (c === 60) this.fail(close, '属性值中不能有 <');
				if (c === 38) close = this.reference(close, n);
				else if (Number.isNaN(c)) this.fail(open, `属性 ${xml.slice(next, attrEnd)} 的值没有结束引号`);
				else if (c < 32 ? c !== 9 && c !== 10 && c !== 13 : c >= 0xfffe) this.badCharacter(close);
				else close++;
			}
			this.addAttribute(next, attrEnd, open + 1, close);
			at = close + 1;
		}
	}

	private addAttribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
		const xml = this.xml;
		const length = nameEnd - nameStart;
		let spans = this.spans;
		for (let i = 0; i < this.count; i++) {
			const s = spans[i * 4];
			if (spans[i * 4 + 1] - s !== length) continue;
			let k = 0;
			while (k < length && xml.charCodeAt(s + k) === xml.charCodeAt(nameStart + k)) k++;
			if (k === length) this.fail(nameStart, `属性 ${xml.slice(nameStart, nameEnd)} 重复`);
		}
		const at = this.count * 4;
		if (at + 4 > spans.length) {
			spans = new Int32Array(spans.length * 2);
			spans.set(this.spans);
			this.spans = spans;
		}
		spans[at] = nameStart;
		spans[at + 1] = nameEnd;
		spans[at + 2] = valueStart;
		spans[at + 3] = valueEnd;
		this.count++;
	}

	/** `<!`: a comment, a CDATA section (inside the root only) or a DOCTYPE (refused). */
	private declarationAt(lt: number, inRoot: boolean, text: XmlHandlers['text']): number {
		const xml = this.xml;
		if (xml.startsWith('<!--', lt)) {
			const end = xml.indexOf('--', lt + 4);
			if (end < 0) this.fail(lt, '注释没有结束');
			if (xml.charCodeAt(end + 2) !== 62) this.fail(end, '注释中不能有 --');
			this.checkChars(lt + 4, end);
			return end + 3;
		}
		if (xml.startsWith('<![CDATA[', lt)) {
			if (!inRoot) this.fail(lt, 'CDATA 段只能在根元素之内');
			const end = xml.indexOf(']]>', lt + 9);
			if (end < 0) this.fail(lt, 'CDATA 段没有结束');
			this.checkChars(lt + 9, end);
			text?.(lt + 9, end, true);
			return end + 3;
		}
		if (xml.startsWith('<!DOCTYPE', lt)) {
			throw new WordError(`${this.partName} 含 DTD 声明（<!DOCTYPE>）；为安全起见，newsproof 不解析 DTD 和外部实体，已跳过`);
		}
		return this.fail(lt, '无法识别的 <! 声明');
	}

	attr(name: string): string | undefined {
		const xml = this.xml;
		for (let i = 0; i < this.count; i++) {
			const s = this.spans[i * 4];
			if (this.spans[i * 4 + 1] - s === name.length && xml.startsWith(name, s)) return decode(xml, this.spans[i * 4 + 2], this.spans[i * 4 + 3], true);
		}
		return undefined;
	}

	attributes(): Record<string, string> {
		const out: Record<string, string> = {};
		for (let i = 0; i < this.count; i++) {
			out[this.xml.slice(this.spans[i * 4], this.spans[i * 4 + 1])] = decode(this.xml, this.spans[i * 4 + 2], this.spans[i * 4 + 3], true);
		}
		return out;
	}
}

/**
 * The text between two offsets, references resolved and line ends normalized as XML reads
 * them; in an attribute value, white space characters read as spaces. The references were
 * checked by the parse.
 */
function decode(xml: string, start: number, end: number, attribute: boolean): string {
	let plain = true;
	for (let i = start; i < end; i++) {
		const c = xml.charCodeAt(i);
		if (c === 38 || c === 13 || (attribute && (c === 9 || c === 10))) {
			plain = false;
			break;
		}
	}
	if (plain) return xml.slice(start, end);
	let out = '';
	for (let i = start; i < end; i++) {
		const c = xml.charCodeAt(i);
		if (c === 38) {
			const semi = xml.indexOf(';', i);
			const body = xml.slice(i + 1, semi);
			out += body.charCodeAt(0) === 35 ? String.fromCodePoint(body.charCodeAt(1) === 120 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10)) : predefined.get(body);
			i = semi;
		} else if (c === 13) {
			if (xml.charCodeAt(i + 1) === 10) i++;
			out += attribute ? ' ' : '\n';
		} else if (attribute && (c === 9 || c === 10)) {
			out += ' ';
		} else {
			out += xml[i];
		}
	}
	return out;
}

/** Character data as `text` reported it: references resolved (none in CDATA), line ends normalized. */
export function xmlText(xml: string, start: number, end: number, cdata: boolean): string {
	return cdata ? xml.slice(start, end).replace(/\r\n?/g, '\n') : decode(xml, start, end, false);
}

export function parseXml(xml: string, partName: string, handlers: XmlHandlers): void {
	new Reader(xml, partName).parse(handlers);
}

/** The prefix (with its colon) that the root element binds to one of these namespaces, '' for the default. */
export function prefixFor(root: StartTag, namespaces: string[]): string | undefined {
	for (const [key, value] of Object.entries(root.attributes())) {
		if (!namespaces.includes(value)) continue;
		if (key === 'xmlns') return '';
		if (key.startsWith('xmlns:')) return key.slice(6) + ':';
	}
	return undefined;
}

export function escapeXml(text: string): string {
	// Characters XML 1.0 cannot hold at all are dropped rather than written.
	return text.replace(/[&<>]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : ''));
}

export function escapeAttr(text: string): string {
	return escapeXml(text).replace(/"/g, '&quot;');
}
