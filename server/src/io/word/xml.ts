import { WordError } from './container';

// One strict XML reader for every part of a package, made for reading Word's parts fast. It
// reads the part's UTF-8 bytes as they come out of the package (no text is decoded but what
// the caller asks for), walks them once, and hands each start tag, end tag and stretch of
// text to the caller with its byte offsets, which is what lets a revision replace a few runs
// and leave every other byte alone. It builds no object per element: names are the only
// strings it makes (each name once), and attribute values are decoded only when asked for.
// It still checks everything well-formedness asks of a document: names, quoting, one root,
// matching end tags, unique attributes, references to the five entities XML defines or to
// valid characters, no character XML forbids; a fault is reported with its line and column.
// It never reads a DTD: a part with a DOCTYPE at all is refused outright (Office never
// writes one, and an entity declaration is the way in for billion-laughs and external-
// entity attacks), so no entity beyond XML's five is ever expanded and nothing is fetched.
// The bytes must be valid UTF-8 (container.ts checks them before anything is read).

/** The start tag being reported; valid only during the `open` call. */
export interface StartTag {
	readonly name: string;
	/** A number for the name within this part: the same name has the same number, no two names share one. */
	readonly id: number;
	/** The value of an attribute, by its qualified name (entities resolved). */
	attr(name: string): string | undefined;
	/** Every attribute, by qualified name. */
	attributes(): Record<string, string>;
}

export interface XmlHandlers {
	/** A start tag, from its `<` (start) to past its `>` (end), in bytes. */
	open?(tag: StartTag, start: number, end: number): void;
	/** An end tag from its `<` to past its `>`; for a self-closing tag, right after `open` with the same offsets. */
	close?(name: string, start: number, end: number): void;
	/**
	 * Character data inside the root, byte offsets: decode it with `xmlText`. CDATA content
	 * comes with `cdata`; `plain` says the bytes are the text as they are (UTF-8 without
	 * references or carriage returns to resolve).
	 */
	text?(start: number, end: number, cdata: boolean, plain: boolean): void;
}

/** XML 1.0 NameStartChar. */
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
		(c >= 0x3001 && c <= 0xd7ff) ||
		(c >= 0xf900 && c <= 0xfdcf) ||
		(c >= 0xfdf0 && c <= 0xfffd) ||
		(c >= 0x10000 && c <= 0xeffff)
	);
}

const nameChar = (c: number): boolean =>
	nameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e || c === 0xb7 || (c >= 0x300 && c <= 0x36f) || c === 0x203f || c === 0x2040;

// Byte classes: START may begin a name, NAME may continue one, SPACE is XML white space.
// Every byte of a multi-byte character counts as a name byte here; a name holding one is
// checked character by character (checkName).
const START = 1;
const NAME = 2;
const SPACE = 4;
const classes = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
	if (c >= 0x80) classes[c] = START | NAME;
	else classes[c] = (nameStart(c) ? START : 0) | (nameChar(c) ? NAME : 0) | (c === 0x20 || c === 0x9 || c === 0xa || c === 0xd ? SPACE : 0);
}

const declaration =
	/^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])1\.[0-9]+\1([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])[A-Za-z][A-Za-z0-9._-]*\3)?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(["'])(yes|no)\5)?[ \t\r\n]*\?>/;
const predefined = new Map([
	['amp', '&'],
	['lt', '<'],
	['gt', '>'],
	['quot', '"'],
	['apos', "'"],
]);

/** A character a reference may name. */
const allowedChar = (c: number): boolean =>
	c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);

const utf8 = new TextDecoder('utf-8');
const attributeName = '属性名';

/** The UTF-8 text between two offsets, as a string. */
export function utf8Text(bytes: Uint8Array, start: number, end: number): string {
	return utf8.decode(bytes.subarray(start, end));
}

/** Whether the bytes at `at` spell `ascii`. */
function startsWithAt(bytes: Uint8Array, ascii: string, at: number): boolean {
	if (at + ascii.length > bytes.length) return false;
	for (let k = 0; k < ascii.length; k++) if (bytes[at + k] !== ascii.charCodeAt(k)) return false;
	return true;
}

/** The offset of the ASCII string `ascii` at or after `from`, or -1. */
function indexOfAscii(bytes: Uint8Array, ascii: string, from: number): number {
	const first = ascii.charCodeAt(0);
	for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
		if (startsWithAt(bytes, ascii, at)) return at;
	}
	return -1;
}

class Reader implements StartTag {
	name = '';
	id = 0;
	/** The current start tag's attributes: name start, name end, value start, value end. */
	private spans = new Int32Array(64);
	private count = 0;
	/** Element names met so far, by a hash of their bytes: each name is made as a string once. */
	private names: string[] = new Array<string>(256).fill('');
	private ids = new Int32Array(256);
	private nextId = 0;
	/** The hash of the last element name read, and whether it held a byte above ASCII. */
	private hash = 0;
	private wide = false;
	/** Whether the part holds a carriage return anywhere (XML reads CR LF and CR as LF). */
	private returns = false;

	private readonly bytes: Uint8Array;

	constructor(
		bytes: Uint8Array,
		private readonly partName: string,
	) {
		// A plain view, whatever came in: Buffer's own indexOf is a call into C++, a typed array's is V8's.
		this.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	}

	fail(at: number, reason: string): never {
		const bytes = this.bytes;
		const end = Math.min(at, bytes.length);
		let line = 1;
		let lineStart = 0;
		for (let i = bytes.indexOf(10); i >= 0 && i < end; i = bytes.indexOf(10, i + 1)) {
			line++;
			lineStart = i + 1;
		}
		const column = utf8Text(bytes, lineStart, end).length + 1;
		throw new WordError(`文件已损坏：${this.partName} 第 ${line} 行第 ${column} 列 XML 格式错误（${reason}），已跳过`);
	}

	/** The name `elementNameEnd` just read, as the one string every occurrence shares. */
	private nameAt(start: number, end: number): string {
		const bytes = this.bytes;
		const slot = this.hash & 255;
		const known = this.names[slot];
		if (!this.wide && known.length === end - start) {
			let k = 0;
			while (k < known.length && known.charCodeAt(k) === bytes[start + k]) k++;
			if (k === known.length) {
				this.id = this.ids[slot];
				return known;
			}
		}
		let name: string;
		if (this.wide) {
			name = utf8Text(bytes, start, end);
		} else {
			name = '';
			for (let i = start; i < end; i++) name += String.fromCharCode(bytes[i]);
		}
		this.id = this.ids[slot] = this.nextId++;
		return (this.names[slot] = name);
	}

	/** A name holding characters above ASCII, checked against XML's classes of name characters. */
	private checkName(start: number, end: number, what: string): void {
		let first = true;
		for (const ch of utf8Text(this.bytes, start, end)) {
			const c = ch.codePointAt(0)!;
			if (!(first ? nameStart(c) : nameChar(c))) this.fail(start, `${what}无效`);
			first = false;
		}
	}

	/** What a failing name is, for the message: an attribute's with its tag. */
	private describe(what: string): string {
		return what === attributeName ? `标签 <${this.name}> 的${what}` : what;
	}

	/** The end of the name starting at `at`, or a failure naming `what` (a constant: this runs for every attribute). */
	private nameEnd(at: number, what: string): number {
		const bytes = this.bytes;
		if (at >= bytes.length) this.fail(at, `${this.describe(what)}不完整，文件在此结束`);
		if (!(classes[bytes[at]] & START)) this.fail(at, `${this.describe(what)}无效`);
		let wide = bytes[at] >= 0x80;
		let i = at + 1;
		for (; i < bytes.length; i++) {
			const c = bytes[i];
			if (!(classes[c] & NAME)) break;
			if (c >= 0x80) wide = true;
		}
		if (wide) this.checkName(at, i, this.describe(what));
		return i;
	}

	/** nameEnd for an element's name, with a hash of it for nameAt. */
	private elementNameEnd(at: number, what: string): number {
		const bytes = this.bytes;
		if (at >= bytes.length) this.fail(at, `${what}不完整，文件在此结束`);
		let c = bytes[at];
		if (!(classes[c] & START)) this.fail(at, `${what}无效`);
		let hash = c;
		let wide = c >= 0x80;
		let i = at + 1;
		for (; i < bytes.length; i++) {
			c = bytes[i];
			if (!(classes[c] & NAME)) break;
			if (c >= 0x80) wide = true;
			hash = (hash * 31 + c) | 0;
		}
		if (wide) this.checkName(at, i, what);
		this.hash = hash;
		this.wide = wide;
		return i;
	}

	private skipSpace(at: number): number {
		const bytes = this.bytes;
		while (at < bytes.length && classes[bytes[at]] & SPACE) at++;
		return at;
	}

	private isSpace(at: number): boolean {
		return at < this.bytes.length && (classes[this.bytes[at]] & SPACE) !== 0;
	}

	/** Checks the reference at `at` (an `&`), which must end before `limit`; returns the offset past its `;`. */
	private reference(at: number, limit: number): number {
		const bytes = this.bytes;
		if (bytes[at + 1] === 35 /* # */) {
			const hex = bytes[at + 2] === 120; /* x */
			const first = at + (hex ? 3 : 2);
			let i = first;
			let value = 0;
			for (; i < limit; i++) {
				const c = bytes[i];
				const digit = c >= 48 && c <= 57 ? c - 48 : hex && c >= 97 && c <= 102 ? c - 87 : hex && c >= 65 && c <= 70 ? c - 55 : -1;
				if (digit < 0) break;
				value = Math.min(value * (hex ? 16 : 10) + digit, 0x110000);
			}
			if (i === first || i >= limit || bytes[i] !== 59) this.fail(at, '字符引用格式错误');
			if (!allowedChar(value)) this.fail(at, `字符引用 ${utf8Text(bytes, at, i + 1)} 指向 XML 不允许的字符`);
			return i + 1;
		}
		const end = this.nameEnd(at + 1, '& 后的实体名');
		if (end >= limit || bytes[end] !== 59) this.fail(at, '实体引用缺少分号');
		const name = utf8Text(bytes, at + 1, end);
		if (!predefined.has(name)) this.fail(at, `未定义的实体 &${name};`);
		return end + 1;
	}

	/** A character XML does not allow (a control character, U+FFFE or U+FFFF), or `]]>` in character data, at `at`. */
	private badCharacter(at: number): never {
		const b = this.bytes[at];
		if (b === 93) return this.fail(at, '文字中不能有 ]]>');
		const code = b === 0xef ? (this.bytes[at + 2] === 0xbe ? 0xfffe : 0xffff) : b;
		return this.fail(at, `XML 不允许的字符 U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
	}

	/** Whether the byte at `i` starts a character XML does not allow: a control character, or U+FFFE and U+FFFF (EF BF BE, EF BF BF). */
	private forbiddenAt(i: number): boolean {
		const bytes = this.bytes;
		const c = bytes[i];
		return c < 32 ? c !== 9 && c !== 10 && c !== 13 : c === 0xef && bytes[i + 1] === 0xbf && (bytes[i + 2] === 0xbe || bytes[i + 2] === 0xbf);
	}

	/** Checks character data: characters XML allows, references it knows, no `]]>`; whether its bytes are its text as they are. */
	private checkText(from: number, to: number): boolean {
		const bytes = this.bytes;
		let plain = !this.returns;
		for (let i = from; i < to; i++) {
			const c = bytes[i];
			if (c === 38) {
				i = this.reference(i, to) - 1;
				plain = false;
			} else if (c === 93 ? startsWithAt(bytes, ']]>', i) : (c < 32 || c === 0xef) && this.forbiddenAt(i)) {
				this.badCharacter(i);
			}
		}
		return plain;
	}

	/** Checks the content of a comment, processing instruction or CDATA section for characters XML does not allow. */
	private checkChars(from: number, to: number): void {
		for (let i = from; i < to; i++) if (this.forbiddenAt(i)) this.badCharacter(i);
	}

	parse(handlers: XmlHandlers): void {
		const bytes = this.bytes;
		const n = bytes.length;
		const { open, close, text } = handlers;
		this.returns = bytes.indexOf(13) >= 0;
		let pos = 0;
		if (startsWithAt(bytes, '<?xml', 0) && this.isSpace(5)) {
			const end = indexOfAscii(bytes, '?>', 5);
			const match = end < 0 ? null : declaration.exec(utf8Text(bytes, 0, end + 2));
			if (!match) this.fail(0, 'XML 声明格式错误');
			pos = end + 2;
		}
		const stack: string[] = [];
		let rootSeen = false;
		while (pos < n) {
			// Word writes tags back to back: most of the time the next one starts right here.
			const lt = bytes[pos] === 60 ? pos : bytes.indexOf(60, pos);
			const textEnd = lt < 0 ? n : lt;
			if (textEnd > pos) {
				if (stack.length === 0) {
					const at = this.skipSpace(pos);
					if (at < textEnd) this.fail(at, rootSeen ? '根元素之后不能有文字' : '根元素之前不能有文字');
				} else {
					const plain = this.checkText(pos, textEnd);
					text?.(pos, textEnd, false, plain);
				}
			}
			if (lt < 0) break;
			const c = bytes[lt + 1];
			if (c === 47 /* / */) {
				const end = this.nameEnd(lt + 2, '结束标签名');
				const top = stack.length ? stack[stack.length - 1] : undefined;
				if (top === undefined) this.fail(lt, `多余的结束标签 </${utf8Text(bytes, lt + 2, end)}>`);
				if (!this.matches(top, lt + 2, end)) this.fail(lt, `结束标签 </${utf8Text(bytes, lt + 2, end)}> 与开始标签 <${top}> 不匹配`);
				const gt = this.skipSpace(end);
				if (bytes[gt] !== 62) this.fail(gt, `结束标签 </${top}> 缺少 >`);
				stack.pop();
				close?.(top, lt, gt + 1);
				pos = gt + 1;
			} else if (c === 33 /* ! */) {
				pos = this.declarationAt(lt, stack.length > 0, text);
			} else if (c === 63 /* ? */) {
				const end = this.nameEnd(lt + 2, '处理指令名');
				if (utf8Text(bytes, lt + 2, end).toLowerCase() === 'xml') this.fail(lt, 'XML 声明只能在文件开头');
				const close = indexOfAscii(bytes, '?>', end);
				if (close < 0) this.fail(lt, '处理指令没有结束');
				if (close > end && !this.isSpace(end)) this.fail(end, '处理指令名后应有空白');
				this.checkChars(end, close);
				pos = close + 2;
			} else {
				if (stack.length === 0 && rootSeen) this.fail(lt, '只能有一个根元素');
				const end = this.startTag(lt);
				rootSeen = true;
				open?.(this, lt, end);
				if (bytes[end - 2] === 47 /* / */) close?.(this.name, lt, end);
				else stack.push(this.name);
				pos = end;
			}
		}
		if (stack.length) this.fail(n, `元素 <${stack[stack.length - 1]}> 没有结束标签`);
		if (!rootSeen) this.fail(n, '没有根元素');
	}

	/** Whether the bytes between two offsets spell the name. */
	private matches(name: string, start: number, end: number): boolean {
		const bytes = this.bytes;
		let ascii = end - start === name.length;
		for (let k = 0; ascii && k < name.length; k++) {
			const c = name.charCodeAt(k);
			if (c >= 0x80) ascii = false;
			else if (bytes[start + k] !== c) return false;
		}
		return ascii || utf8Text(bytes, start, end) === name;
	}

	/** Reads the start tag at `lt` into this reader; returns the offset past its `>`. */
	private startTag(lt: number): number {
		const bytes = this.bytes;
		const n = bytes.length;
		const nameEnd = this.elementNameEnd(lt + 1, '标签名');
		this.name = this.nameAt(lt + 1, nameEnd);
		this.count = 0;
		let at = nameEnd;
		for (;;) {
			const next = this.skipSpace(at);
			if (next >= n) this.fail(next, `标签 <${this.name}> 没有结束，文件在此结束`);
			const c = bytes[next];
			if (c === 62 /* > */) return next + 1;
			if (c === 47 /* / */) {
				if (bytes[next + 1] !== 62) this.fail(next, `标签 <${this.name}> 中 / 后应是 >`);
				return next + 2;
			}
			if (next === at) this.fail(next, `标签 <${this.name}> 的属性前应有空白`);
			const attrEnd = this.nameEnd(next, attributeName);
			const eq = this.skipSpace(attrEnd);
			if (bytes[eq] !== 61 /* = */) this.fail(eq, `属性 ${utf8Text(bytes, next, attrEnd)} 后应是 =`);
			const open = this.skipSpace(eq + 1);
			const quote = bytes[open];
			if (quote !== 34 && quote !== 39) this.fail(open, `属性 ${utf8Text(bytes, next, attrEnd)} 的值应在引号中`);
			// The value, to its closing quote: no < in it, and only known references.
			let close = open + 1;
			for (;;) {
				if (close >= n) this.fail(open, `属性 ${utf8Text(bytes, next, attrEnd)} 的值没有结束引号`);
				const v = bytes[close];
				if (v === quote) break;
				if (v === 60) this.fail(close, '属性值中不能有 <');
				if (v === 38) close = this.reference(close, n);
				else if ((v < 32 || v === 0xef) && this.forbiddenAt(close)) this.badCharacter(close);
				else close++;
			}
			this.addAttribute(next, attrEnd, open + 1, close);
			at = close + 1;
		}
	}

	private addAttribute(nameStart: number, nameEnd: number, valueStart: number, valueEnd: number): void {
		const bytes = this.bytes;
		const length = nameEnd - nameStart;
		let spans = this.spans;
		for (let i = 0; i < this.count; i++) {
			const s = spans[i * 4];
			if (spans[i * 4 + 1] - s !== length) continue;
			let k = 0;
			while (k < length && bytes[s + k] === bytes[nameStart + k]) k++;
			if (k === length) this.fail(nameStart, `属性 ${utf8Text(bytes, nameStart, nameEnd)} 重复`);
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
		const bytes = this.bytes;
		if (startsWithAt(bytes, '<!--', lt)) {
			const end = indexOfAscii(bytes, '--', lt + 4);
			if (end < 0) this.fail(lt, '注释没有结束');
			if (bytes[end + 2] !== 62) this.fail(end, '注释中不能有 --');
			this.checkChars(lt + 4, end);
			return end + 3;
		}
		if (startsWithAt(bytes, '<![CDATA[', lt)) {
			if (!inRoot) this.fail(lt, 'CDATA 段只能在根元素之内');
			const end = indexOfAscii(bytes, ']]>', lt + 9);
			if (end < 0) this.fail(lt, 'CDATA 段没有结束');
			this.checkChars(lt + 9, end);
			text?.(lt + 9, end, true, !this.returns);
			return end + 3;
		}
		if (startsWithAt(bytes, '<!DOCTYPE', lt)) {
			throw new WordError(`${this.partName} 含 DTD 声明（<!DOCTYPE>）；为安全起见，newsproof 不解析 DTD 和外部实体，已跳过`);
		}
		return this.fail(lt, '无法识别的 <! 声明');
	}

	/** Whether attribute i is named `name` (an ASCII name, as every name asked for is). */
	private named(i: number, name: string): boolean {
		const s = this.spans[i * 4];
		if (this.spans[i * 4 + 1] - s !== name.length) return false;
		for (let k = 0; k < name.length; k++) if (this.bytes[s + k] !== name.charCodeAt(k)) return false;
		return true;
	}

	attr(name: string): string | undefined {
		for (let i = 0; i < this.count; i++) {
			if (this.named(i, name)) return xmlValue(this.bytes, this.spans[i * 4 + 2], this.spans[i * 4 + 3], true);
		}
		return undefined;
	}

	attributes(): Record<string, string> {
		const out: Record<string, string> = {};
		for (let i = 0; i < this.count; i++) {
			out[utf8Text(this.bytes, this.spans[i * 4], this.spans[i * 4 + 1])] = xmlValue(this.bytes, this.spans[i * 4 + 2], this.spans[i * 4 + 3], true);
		}
		return out;
	}
}

/**
 * The text between two offsets, references resolved and line ends normalized as XML reads
 * them; in an attribute value, white space characters read as spaces. The references were
 * checked by the parse.
 */
function xmlValue(bytes: Uint8Array, start: number, end: number, attribute: boolean): string {
	let plain = true;
	let ascii = true;
	for (let i = start; i < end; i++) {
		const c = bytes[i];
		if (c === 38 || c === 13 || (attribute && (c === 9 || c === 10))) {
			plain = false;
			break;
		}
		if (c >= 0x80) ascii = false;
	}
	// Short ASCII values (ids, namespaces, relationship types) without a decoder call.
	if (plain && ascii && end - start <= 256) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
	const raw = utf8Text(bytes, start, end);
	if (plain) return raw;
	let out = '';
	for (let i = 0; i < raw.length; i++) {
		const c = raw.charCodeAt(i);
		if (c === 38) {
			const semi = raw.indexOf(';', i);
			const body = raw.slice(i + 1, semi);
			out +=
				body.charCodeAt(0) === 35
					? String.fromCodePoint(body.charCodeAt(1) === 120 ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10))
					: predefined.get(body);
			i = semi;
		} else if (c === 13) {
			if (raw.charCodeAt(i + 1) === 10) i++;
			out += attribute ? ' ' : '\n';
		} else if (attribute && (c === 9 || c === 10)) {
			out += ' ';
		} else {
			out += raw[i];
		}
	}
	return out;
}

/** Character data as `text` reported it: references resolved (none in CDATA), line ends normalized. */
export function xmlText(bytes: Uint8Array, start: number, end: number, cdata: boolean): string {
	return cdata ? utf8Text(bytes, start, end).replace(/\r\n?/g, '\n') : xmlValue(bytes, start, end, false);
}

/** Reads a part: its UTF-8 bytes, without a byte order mark. */
export function parseXml(bytes: Uint8Array, partName: string, handlers: XmlHandlers): void {
	new Reader(bytes, partName).parse(handlers);
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
	return text.replace(/[&<>]|[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) =>
		c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '',
	);
}

export function escapeAttr(text: string): string {
	return escapeXml(text).replace(/"/g, '&quot;');
}
