import type { SaxesParser, SaxesTagPlain } from 'saxes';
import { WordError } from './container';

// One strict XML parser for every part of a package: saxes checks well-formedness, reports
// the line and column of any fault, and keeps the string offset of every tag, which is what
// lets a revision replace a few runs and leave every other byte alone. It never fetches a
// DTD nor expands an entity beyond the five XML defines; a part with a DOCTYPE at all is
// refused outright (Office never writes one, and an entity declaration is the way in for
// billion-laughs and external-entity attacks).

// Loaded on first use: only Word documents need it.
const saxes = (): typeof import('saxes') => require('saxes') as typeof import('saxes');

export type Tag = SaxesTagPlain;

export interface XmlHandlers {
	/** A start tag: `end` is just past its `>`; `start()` finds its `<` (asked only where needed). */
	open?(tag: Tag, end: number, start: () => number): void;
	/** An end tag (right after `open` for a self-closing one, with the same `end`); `start()` finds its `<`. */
	close?(tag: Tag, end: number, start: () => number): void;
	text?(text: string): void;
}

export function parseXml(xml: string, partName: string, handlers: XmlHandlers): void {
	const parser: SaxesParser<{ xmlns: false; position: true }> = new (saxes().SaxesParser)({ xmlns: false, position: true });
	parser.on('doctype', () => {
		throw new WordError(`${partName} 含 DTD 声明（<!DOCTYPE>）；为安全起见，newsproof 不解析 DTD 和外部实体，已跳过`);
	});
	// A tag's `<` is the last one before its end (attribute values cannot hold a `<`); for a
	// self-closing tag, the end tag's is the start tag's.
	let end = 0;
	const start = () => xml.lastIndexOf('<', end - 1);
	const { open, close, text } = handlers;
	if (open) {
		parser.on('opentag', (tag) => {
			end = parser.position;
			open(tag, end, start);
		});
	}
	if (close) {
		parser.on('closetag', (tag) => {
			end = parser.position;
			close(tag, end, start);
		});
	}
	if (text) {
		parser.on('text', text);
		parser.on('cdata', text);
	}
	try {
		parser.write(xml).close();
	} catch (err) {
		if (err instanceof WordError) throw err;
		// saxes prefixes "line:column: " to its messages.
		const m = /^(\d+):(\d+): (.*)$/s.exec((err as Error).message);
		const where = m ? `第 ${m[1]} 行第 ${m[2]} 列` : `第 ${parser.line} 行`;
		throw new WordError(`文件已损坏：${partName} ${where} XML 格式错误（${m ? m[3] : (err as Error).message}），已跳过`);
	}
}

/** The prefix (with its colon) that the root element binds to one of these namespaces, '' for the default. */
export function prefixFor(root: Tag, namespaces: string[]): string | undefined {
	for (const [key, value] of Object.entries(root.attributes)) {
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
