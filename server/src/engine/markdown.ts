import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Nodes, Root } from 'mdast';
import type { Extension as MicromarkExtension } from 'micromark-util-types';
import type { Finding } from './types';

// Markdown drafts: only the prose is proofread. Front matter, code (fenced, indented and
// inline), HTML and comments, link and image targets, and the markup itself (#, list
// markers, >, emphasis, table pipes) are masked before the draft is linted, one masked
// character for each source character, so that every position stays exact:
// - a line without prose becomes white space, which the text model reads as a blank line;
// - markup before a line's first prose becomes spaces (an indent);
// - markup inside a line becomes U+FFFC, a stand-in no rule reads as a letter or a mark.
// Findings on or beside masked text are dropped: the space around `inline code` is the
// writer's, not a stray one.

interface Parser {
	fromMarkdown(value: string, options: { extensions: MicromarkExtension[]; mdastExtensions: (FromMarkdownExtension | FromMarkdownExtension[])[] }): Root;
	extensions: MicromarkExtension[];
	mdastExtensions: (FromMarkdownExtension | FromMarkdownExtension[])[];
}

let parser: Parser | undefined;

/** The parser and its extensions (front matter, GitHub tables, autolinks), loaded on first use. */
function markdownParser(): Parser {
	if (parser === undefined) {
		const { fromMarkdown } = require('mdast-util-from-markdown') as typeof import('mdast-util-from-markdown');
		const { frontmatter } = require('micromark-extension-frontmatter') as typeof import('micromark-extension-frontmatter');
		const { frontmatterFromMarkdown } = require('mdast-util-frontmatter') as typeof import('mdast-util-frontmatter');
		const { gfm } = require('micromark-extension-gfm') as typeof import('micromark-extension-gfm');
		const { gfmFromMarkdown } = require('mdast-util-gfm') as typeof import('mdast-util-gfm');
		parser = {
			fromMarkdown: fromMarkdown as Parser['fromMarkdown'],
			extensions: [frontmatter(['yaml', 'toml']), gfm()],
			mdastExtensions: [frontmatterFromMarkdown(['yaml', 'toml']), gfmFromMarkdown()],
		};
	}
	return parser as Parser;
}

export const objectReplacement = '\ufffc';

/** A run of masked source text; `inline` when it stands between prose on its line. */
export interface MaskedSpan {
	start: number;
	end: number;
	inline: boolean;
}

export interface MaskedDraft {
	/** The source with everything but prose masked; same length, same line breaks. */
	text: string;
	spans: MaskedSpan[];
}

/** Offsets of the prose: the text nodes of the tree (link text included, link targets not). */
function proseRanges(tree: Root): [number, number][] {
	const ranges: [number, number][] = [];
	const visit = (node: Nodes) => {
		if (node.type === 'text') {
			const { start, end } = node.position ?? {};
			if (start?.offset !== undefined && end?.offset !== undefined) ranges.push([start.offset, end.offset]);
			return;
		}
		// Code, HTML, front matter and images are not prose; their children (if any) neither.
		if (
			node.type === 'code' ||
			node.type === 'inlineCode' ||
			node.type === 'html' ||
			node.type === 'image' ||
			node.type === 'imageReference' ||
			node.type === 'yaml' ||
			node.type === 'definition'
		)
			return;
		if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
	};
	visit(tree);
	return ranges.sort((a, b) => a[0] - b[0]);
}

/** Masks a Markdown draft so that only its prose is left to lint (see the comment above). */
export function maskMarkdown(source: string): MaskedDraft {
	const { fromMarkdown, extensions, mdastExtensions } = markdownParser();
	const prose = new Uint8Array(source.length);
	for (const [start, end] of proseRanges(fromMarkdown(source, { extensions, mdastExtensions }))) prose.fill(1, start, end);
	const out: string[] = [];
	const spans: MaskedSpan[] = [];
	let lineStart = 0;
	while (lineStart <= source.length) {
		let lineEnd = source.indexOf('\n', lineStart);
		if (lineEnd < 0) lineEnd = source.length;
		let first = -1;
		let last = -1;
		for (let i = lineStart; i < lineEnd; i++) {
			if (prose[i]) {
				if (first < 0) first = i;
				last = i;
			}
		}
		for (let i = lineStart; i < lineEnd;) {
			if (prose[i] || source[i] === '\r') {
				out.push(source[i]);
				i++;
				continue;
			}
			let j = i;
			while (j < lineEnd && !prose[j] && source[j] !== '\r') j++;
			const inline = first >= 0 && i > first && j <= last;
			out.push((inline ? objectReplacement : ' ').repeat(j - i));
			spans.push({ start: i, end: j, inline });
			i = j;
		}
		if (lineEnd < source.length) out.push('\n');
		lineStart = lineEnd + 1;
	}
	return { text: out.join(''), spans };
}

/** Findings that lie on masked text, or touch an inline masked run, are not about the prose. */
export function onProse(findings: Finding[], spans: MaskedSpan[]): Finding[] {
	if (!spans.length) return findings;
	return findings.filter((f) => {
		const { start, end } = f.offset;
		return !spans.some(
			(s) => (start < s.end && s.start < end) || (s.inline && (end === s.start || start === s.end)) || (start === end && start > s.start && start < s.end),
		);
	});
}

export const markdownExtensions = ['.md', '.markdown'];
