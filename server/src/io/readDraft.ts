import { closeSync, fstatSync, openSync, statSync } from 'node:fs';
import { DataFileError, openFlags, readOpenFile, specialKind } from '../engine';
import { writeFileAtomic } from './atomicWrite.mjs';
import type * as Iconv from 'iconv-lite';

// Loaded on first use: most drafts are UTF-8.
let iconvLite: typeof Iconv | undefined;
const iconv = (): typeof Iconv => (iconvLite ??= require('iconv-lite') as typeof Iconv);

// Reads a draft from disk as text, and writes a corrected draft back the way it came.
// UTF-8 is tried first; copy from older desk systems arrives in GB18030 (or its subset GBK),
// which is accepted only when it decodes cleanly, looks like Chinese text and re-encodes to
// the very same bytes. Anything else is reported, not guessed at: a proofreading tool must
// never show findings on mangled text, nor write mangled text back.

export type DraftEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface DraftFile {
	text?: string;
	/** Why the file was skipped, in Chinese, when `text` is absent. */
	skipped?: string;
	bom: boolean;
	encoding?: DraftEncoding;
	/** The bytes as read, to tell whether the file changed before a fix is written back. */
	bytes?: Uint8Array;
}

export const defaultMaxBytes = 20 * 1024 * 1024;

const utf8Bom = [0xef, 0xbb, 0xbf];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

/**
 * Whether text decoded as GB18030 reads like a draft: no replacement characters, no
 * control characters, and almost nothing outside Chinese, ASCII and the usual punctuation.
 * Latin-1 or Big5 bytes read as GB18030 produce rare characters and private-use code points.
 */
export function plausibleChinese(text: string): boolean {
	let common = 0;
	let total = 0;
	let han = 0;
	for (const ch of text) {
		const c = ch.codePointAt(0)!;
		if (c === 0xfffd || (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || (c >= 0x7f && c < 0xa0)) {
			return false;
		}
		if (c === 0x20 || c === 9 || c === 10 || c === 13 || c === 12 || c === 0x3000) {
			continue;
		}
		total++;
		// Unified ideographs, extension A, the supplementary planes' extensions, compatibility forms.
		if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x20000 && c <= 0x3134f) || (c >= 0xf900 && c <= 0xfaff)) {
			han++;
			common++;
		} else if (
			c < 0x7f ||
			(c >= 0x3000 && c <= 0x303f) || // CJK punctuation
			(c >= 0xff00 && c <= 0xffef) || // full-width forms
			(c >= 0x2000 && c <= 0x206f) || // general punctuation: dashes, quotes, ellipsis
			(c >= 0x2460 && c <= 0x24ff) || // circled numbers
			(c >= 0x2160 && c <= 0x217f) || // Roman numerals
			c === 0xb7 ||
			c === 0xd7 ||
			c === 0xf7 ||
			c === 0xb0
		) {
			common++;
		}
	}
	// A few rare characters are normal (names, places); a page of them is a wrong guess.
	return total === 0 || (han > 0 && common / total >= 0.95);
}

/** One strict UTF-8 decoder for every draft (a whole-buffer decode keeps no state). */
let utf8: InstanceType<typeof TextDecoder> | undefined;

export function decodeDraft(bytes: Uint8Array): DraftFile {
	// UTF-16 is recognised by its byte order mark only, before the NUL test would call it binary.
	if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
		const encoding: DraftEncoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
		try {
			const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
			return { text, bom: true, encoding, bytes };
		} catch {
			return { skipped: `不是有效的 ${encoding.toUpperCase()} 文本，已跳过`, bom: true, bytes };
		}
	}
	// Text never holds a NUL byte; the whole file is searched (memchr-fast), not a sample.
	const nul = bytes.indexOf(0);
	if (nul >= 0) {
		return { skipped: `二进制文件（字节偏移 ${nul} 处为 NUL），已跳过`, bom: false };
	}
	const bom = startsWith(bytes, utf8Bom);
	try {
		utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
		const text = utf8.decode(bytes);
		return { text, bom, encoding: 'utf-8', bytes };
	} catch {
		// Not UTF-8: try GB18030 below.
	}
	if (!bom) {
		const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		const text = iconv().decode(buffer, 'gb18030');
		if (plausibleChinese(text) && iconv().encode(text, 'gb18030').equals(buffer)) {
			return { text, bom: false, encoding: 'gb18030', bytes };
		}
	}
	const at = firstInvalidUtf8(bytes);
	return { skipped: `既不是有效的 UTF-8 文本（第 ${at.line} 行附近，字节偏移 ${at.offset}），也不像 GB18030/GBK 编码的中文，已跳过`, bom };
}

/** The bytes to write for `text` in the draft's own encoding and byte order mark. */
export function encodeDraft(text: string, draft: Pick<DraftFile, 'encoding' | 'bom'>): Buffer {
	switch (draft.encoding) {
		case 'gb18030':
			return iconv().encode(text, 'gb18030');
		case 'utf-16le':
		case 'utf-16be':
			// iconv-lite adds the byte order mark for utf-16 targets when asked.
			return iconv().encode(text, draft.encoding, { addBOM: draft.bom });
		default:
			return Buffer.concat([draft.bom ? Buffer.from(utf8Bom) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
	}
}

function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number } {
	let line = 1;
	for (let i = 0; i < bytes.length;) {
		const b = bytes[i];
		const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
		if (n === 0 || i + n > bytes.length) {
			return { offset: i, line };
		}
		for (let k = 1; k < n; k++) {
			if ((bytes[i + k] & 0xc0) !== 0x80) {
				return { offset: i, line };
			}
		}
		if (b === 10) line++;
		i += n;
	}
	return { offset: bytes.length, line };
}

function reason(err: unknown): string {
	return (err as NodeJS.ErrnoException).code ?? (err as Error).message;
}

/**
 * Reads a draft. Only a regular file is read: a device (/dev/zero, whose size reads 0), a
 * FIFO or a socket would stream without end or block for good, and is skipped with its reason.
 */
export function readDraft(path: string, maxBytes = defaultMaxBytes): DraftFile {
	// One open, then questions to the open file: a folder of drafts costs one path lookup each.
	let fd: number | undefined;
	try {
		fd = openSync(path, openFlags);
		const stat = fstatSync(fd);
		if (stat.isDirectory()) {
			return directory();
		}
		const kind = specialKind(stat);
		if (kind) {
			return { skipped: `是${kind}，不是普通文件，已跳过`, bom: false };
		}
		if (stat.size > maxBytes) {
			return { skipped: `文件过大（${(stat.size / 1048576).toFixed(1)} MB，上限 ${(maxBytes / 1048576).toFixed(0)} MB），已跳过`, bom: false };
		}
		return decodeDraft(readOpenFile(fd, stat.size, maxBytes));
	} catch (err) {
		// Some systems refuse to open a folder at all.
		if ((err as NodeJS.ErrnoException).code === 'EISDIR') return directory();
		if (err instanceof DataFileError && err.kind === 'too-large') return { skipped: `${err.message}，已跳过`, bom: false };
		return { skipped: `无法读取：${err instanceof DataFileError ? err.message : reason(err)}`, bom: false };
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}

const directory = (): DraftFile => ({ skipped: '是目录，不是文件，已跳过', bom: false });

export class DraftChangedError extends Error {}

/**
 * Writes corrected text over a draft in its own encoding, atomically (see atomicWrite.mjs).
 * Refuses when the file on disk is no longer the one that was read: someone saved it meanwhile.
 */
export function writeDraft(path: string, text: string, draft: DraftFile): void {
	if (!draft.bytes) throw new DraftChangedError('修正未写入：未保留读入时的内容');
	writeAtomically(path, encodeDraft(text, draft), { path, bytes: draft.bytes });
}

/**
 * Writes `bytes` to `path` atomically (see atomicWrite.mjs). `source` is the file the bytes
 * were made from, which must still hold what was read (it may be `path` itself, or the Word
 * document a revised copy is made from); a new file takes the source's permissions.
 */
export function writeAtomically(path: string, bytes: Uint8Array, source: { path: string; bytes: Uint8Array }): void {
	try {
		const mode = path === source.path ? undefined : statSync(source.path).mode & 0o7777;
		writeFileAtomic(path, bytes, { unchanged: source.bytes, unchangedPath: source.path, mode, durable: true });
	} catch (err) {
		throw new DraftChangedError(`修正未写入：${(err as Error).message.replace(/^未写入：/, '').replace(/，?未写入$/, '')}`);
	}
}
