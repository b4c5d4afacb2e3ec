import { closeSync, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { basename, dirname, join, posix } from 'node:path';
import { asBuffer, encodePart, openPackage, type Part, partName, readPart, WordError, type WordLimits, type WordPackage, writePackage } from './container';
import type { Hunk } from './editLog';
import { extractPart, type StoryKind, type WordLine } from './extract';
import { applyPartEdits, commentXml, type Layout, layoutOf, type Note, plan } from './revise';
import { parseXml } from './xml';

// Word drafts (.docx): one function from a file or its bytes to the text the engine reads,
// one paragraph a line, and one from findings back to a copy of the document with the
// certain fixes as tracked changes and the other findings as comments.
//
//   const draft = readWordDraft('稿件.docx');          // draft.text, draft.lines[n].where …
//   const { bytes } = reviseWordDraft(draft, { hunks, notes });

export { WordError } from './container';
export type { WordLimits } from './container';
export { EditLog, type Hunk } from './editLog';
export type { WordLine } from './extract';
export type { Note } from './revise';
export { canRevise } from './revise';

export interface WordDraft {
	/** The extracted text: line n is paragraph n (0-based, body, then footnotes, then endnotes). */
	text: string;
	/**
	 * The lines with the place in the XML of every piece of their text, for revisions. Linting
	 * needs only the text: these are read from the parts again on first use.
	 */
	readonly lines: WordLine[];
	readonly layout: Layout;
	/** The file as read. */
	bytes: Uint8Array;
	/** The story parts read, in order (the body first); WordLine.part indexes them. */
	parts: Part[];
	prefixes: string[];
	/** The largest w:id in the stories (read with the layout). */
	readonly maxId: number;
	/** The main document part and where its relationships are. */
	documentPart: string;
	strict: boolean;
	/** The comments part the document already has, if any. */
	commentsPart?: string;
}

export const defaultWordLimits = (maxBytes = 20 * 1024 * 1024): WordLimits => ({ fileBytes: 10 * maxBytes, xmlBytes: maxBytes });

const transitional = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const strictRels = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

interface Relationship {
	id: string;
	type: string;
	target: string;
	external: boolean;
}

/** The relationships part of a part: word/document.xml → word/_rels/document.xml.rels. */
function relsPathOf(part: string): string {
	const dir = posix.dirname(part);
	return posix.join(dir === '.' ? '' : dir, '_rels', `${posix.basename(part)}.rels`);
}

function relationships(pkg: WordPackage, part: string): Relationship[] {
	const name = part === '' ? '_rels/.rels' : relsPathOf(part);
	if (!partName(pkg, name)) return [];
	const rels: Relationship[] = [];
	const base = part === '' ? '' : posix.dirname(part);
	parseXml(readPart(pkg, name).bytes, name, {
		open(tag) {
			if (!/(^|:)Relationship$/.test(tag.name)) return;
			const [Id = '', Type = '', Target = ''] = [tag.attr('Id'), tag.attr('Type'), tag.attr('Target')];
			const external = tag.attr('TargetMode') === 'External';
			const target = external ? Target : Target.startsWith('/') ? Target.slice(1) : posix.normalize(posix.join(base === '.' ? '' : base, Target));
			rels.push({ id: Id, type: Type, target, external });
		},
	});
	return rels;
}

const ofType = (rels: Relationship[], kind: string) =>
	rels.find((r) => !r.external && (r.type === `${transitional}/${kind}` || r.type === `${strictRels}/${kind}`));

function sizeChecked(path: string, limits: WordLimits): Uint8Array {
	let fd: number | undefined;
	try {
		fd = openSync(path, 'r');
		const stat = fstatSync(fd);
		if (stat.isDirectory()) throw new WordError('是目录，不是文件，已跳过');
		if (stat.size > limits.fileBytes) {
			throw new WordError(`文件过大（${(stat.size / 1048576).toFixed(1)} MB，上限 ${(limits.fileBytes / 1048576).toFixed(1)} MB），已跳过`);
		}
		return readFileSync(fd);
	} catch (err) {
		if (err instanceof WordError) throw err;
		throw new WordError(`无法读取：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

/**
 * Reads a .docx from a path or from its bytes. Throws WordError, with the reason in
 * Chinese, for anything that is not a readable Word document.
 */
export function readWordDraft(source: string | Uint8Array, limits: WordLimits = defaultWordLimits()): WordDraft {
	const bytes = typeof source === 'string' ? sizeChecked(source, limits) : source;
	const pkg = openPackage(bytes, limits);
	const main = ofType(relationships(pkg, ''), 'officeDocument');
	const documentPart = main && partName(pkg, main.target) ? main.target : 'word/document.xml';
	if (!partName(pkg, documentPart)) {
		throw new WordError(`不是 Word 文档：缺少正文部分 ${documentPart}，已跳过`);
	}
	const rels = relationships(pkg, documentPart);
	const stories: { name: string; kind: StoryKind }[] = [{ name: documentPart, kind: 'body' }];
	for (const kind of ['footnotes', 'endnotes'] as const) {
		const rel = ofType(rels, kind);
		if (rel && partName(pkg, rel.target)) stories.push({ name: rel.target, kind });
	}
	const parts: Part[] = [];
	const texts: string[] = [];
	const prefixes: string[] = [];
	for (const story of stories) {
		const part = readPart(pkg, story.name);
		const extracted = extractPart(part.bytes, parts.length, part.name, story.kind, false);
		parts.push(part);
		prefixes.push(extracted.prefix);
		for (const line of extracted.lines) texts.push(line.text);
	}
	const text = texts.join('\n');
	let layout: Layout | undefined;
	let maxId = 0;
	const comments = ofType(rels, 'comments');
	return {
		text,
		get layout(): Layout {
			if (!layout) {
				const extracted = parts.map((part, i) => extractPart(part.bytes, i, part.name, stories[i].kind));
				maxId = Math.max(0, ...extracted.map((e) => e.maxId));
				layout = layoutOf(extracted.flatMap((e) => e.lines));
				if (layout.text !== text) throw new Error('a Word document read twice gave two texts');
			}
			return layout;
		},
		get maxId(): number {
			void this.layout;
			return maxId;
		},
		get lines(): WordLine[] {
			return this.layout.lines;
		},
		bytes,
		parts,
		prefixes,
		documentPart: parts[0].name,
		strict: main?.type.startsWith(strictRels) ?? false,
		commentsPart: comments && partName(pkg, comments.target) ? comments.target : undefined,
	};
}

export interface WordRevisions {
	/** Replacements of the extracted text (offsets into draft.text): tracked changes. */
	hunks: Hunk[];
	/** Comments anchored on spans of the extracted text. */
	notes: Note[];
	author?: string;
	date?: Date;
}

export interface RevisedWord {
	bytes: Buffer;
	/** Tracked changes and comments written. */
	changes: number;
	comments: number;
}

const commentsType = 'comments';
const commentsContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml';

/** Inserts `xml` before the last end tag of a part (its root's). */
function beforeRootEnd(part: Uint8Array, xml: string): Buffer {
	const bytes = asBuffer(part);
	const at = bytes.lastIndexOf('</');
	if (at < 0) throw new WordError('无法写入批注：部件格式异常');
	return Buffer.concat([bytes.subarray(0, at), Buffer.from(xml, 'utf8'), bytes.subarray(at)]);
}

/**
 * A copy of the document with the hunks as tracked changes (w:del and w:ins) and the notes
 * as comments. Every part and every run that no revision touches is kept byte for byte;
 * the other entries of the package keep even their compressed bytes.
 */
export function reviseWordDraft(draft: WordDraft, revisions: WordRevisions): RevisedWord {
	const limits = { fileBytes: Infinity, xmlBytes: Infinity };
	const pkg = openPackage(draft.bytes, limits);
	const date = revisions.date ?? new Date();
	const revision = { author: revisions.author ?? 'newsproof', date: date.toISOString().replace(/\.\d{3}Z$/, 'Z') };
	const files = new Map<string, Uint8Array>();
	const comments = draft.commentsPart ? readPart(pkg, draft.commentsPart) : undefined;
	let maxId = draft.maxId;
	if (comments) {
		parseXml(comments.bytes, comments.name, {
			open(tag) {
				for (const [key, value] of Object.entries(tag.attributes())) {
					if ((key === 'w:id' || key.endsWith(':id')) && /^\d+$/.test(value)) maxId = Math.max(maxId, Number(value));
				}
			},
		});
	}
	const result = plan(
		draft.layout,
		revisions.hunks,
		revisions.notes,
		revision,
		maxId + 1,
		draft.parts.map((p) => p.bytes),
		draft.prefixes,
	);
	for (const [index, edits] of result.parts) {
		const part = draft.parts[index];
		files.set(part.name, encodePart(part, applyPartEdits(part.bytes, edits)));
	}
	if (result.comments.length) {
		const w = draft.prefixes[0] || 'w:';
		const elements = result.comments.map((c) => commentXml(w, c.id, c.paragraphs, revision)).join('');
		if (comments) {
			files.set(comments.name, encodePart(comments, beforeRootEnd(comments.bytes, elements)));
		} else {
			addCommentsPart(pkg, files, draft, elements, w);
		}
	}
	return { bytes: writePackage(pkg, files, date), changes: result.changes, comments: result.comments.length };
}

function addCommentsPart(pkg: WordPackage, files: Map<string, Uint8Array>, draft: WordDraft, elements: string, w: string): void {
	const dir = posix.dirname(draft.documentPart);
	let name = posix.join(dir, 'comments.xml');
	for (let i = 2; partName(pkg, name); i++) name = posix.join(dir, `comments${i}.xml`);
	const namespace = draft.strict ? 'http://purl.oclc.org/ooxml/wordprocessingml/main' : 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
	const xmlns = w ? `xmlns:${w.slice(0, -1)}` : 'xmlns';
	files.set(
		name,
		Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<${w}comments ${xmlns}="${namespace}">${elements}</${w}comments>`, 'utf8'),
	);

	const relsName = relsPathOf(draft.documentPart);
	const existing = partName(pkg, relsName);
	const rels: Part = existing
		? readPart(pkg, existing)
		: {
				name: relsName,
				bytes: Buffer.from(
					'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>',
					'utf8',
				),
				encoding: 'utf-8',
				bom: false,
			};
	const relsText = asBuffer(rels.bytes);
	let id = 'rIdNewsproofComments';
	for (let i = 2; relsText.includes(`Id="${id}"`); i++) id = `rIdNewsproofComments${i}`;
	const type = `${draft.strict ? strictRels : transitional}/${commentsType}`;
	const rel = `<Relationship Id="${id}" Type="${type}" Target="${posix.relative(dir, name)}"/>`;
	files.set(rels.name, encodePart(rels, beforeRootEnd(rels.bytes, rel)));

	const typesName = partName(pkg, '[Content_Types].xml');
	if (typesName) {
		const types = readPart(pkg, typesName);
		if (!asBuffer(types.bytes).includes(`PartName="/${name}"`)) {
			const override = `<Override PartName="/${name}" ContentType="${commentsContentType}"/>`;
			files.set(typesName, encodePart(types, beforeRootEnd(types.bytes, override)));
		}
	}
}

// Files beside a document ----------------------------------------------------------------

/** Word documents newsproof reads. */
export const isWordPath = (path: string): boolean => /\.docx$/i.test(path);

/** Word's older binary formats and WPS's own, which get a message to save as .docx. */
export const isLegacyWordPath = (path: string): boolean => /\.(doc|dot|wps|wpt)$/i.test(path);

/** The owner file Word and WPS keep beside an open document: ~$稿件.docx. */
export const isLockFile = (path: string): boolean => basename(path).startsWith('~$');

/** Where --fix writes the revised copy of NAME.docx: NAME.newsproof.docx beside it. */
export const revisionsPath = (path: string): string => path.replace(/\.(docx|doc|dot|wps|wpt)$/i, '') + '.newsproof.docx';

/** A copy newsproof wrote: a folder run does not read it again. */
export const isRevisionsCopy = (path: string): boolean => /\.newsproof\.docx$/i.test(path);

/**
 * The lock file beside a document that is open in Word or WPS, if any. Word names it ~$
 * and the file name, dropping the first one or two characters of a longer name.
 */
export function lockFileOf(path: string): string | undefined {
	const dir = dirname(path);
	const name = basename(path);
	for (const candidate of [name, name.slice(1), name.slice(2)]) {
		const lock = join(dir, `~$${candidate}`);
		if (candidate && existsSync(lock)) return lock;
	}
	return undefined;
}
