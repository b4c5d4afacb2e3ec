import { readFileSync, statSync } from 'node:fs';

// Reads a draft from disk as text. Binary files and undecodable bytes are reported, not
// guessed at: a proofreading tool must never show findings on mangled text.

export interface DraftFile {
	text?: string;
	/** Why the file was skipped, in Chinese, when `text` is absent. */
	skipped?: string;
	bom: boolean;
}

export const defaultMaxBytes = 20 * 1024 * 1024;

export function decodeDraft(bytes: Uint8Array): DraftFile {
	const sample = bytes.subarray(0, 8192);
	if (sample.includes(0)) {
		return { skipped: '二进制文件（含 NUL 字节），已跳过', bom: false };
	}
	const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
	try {
		const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
		return { text, bom };
	} catch {
		const at = firstInvalidUtf8(bytes);
		return { skipped: `不是有效的 UTF-8 文本（第 ${at.line} 行附近，字节偏移 ${at.offset}），已跳过`, bom };
	}
}

function firstInvalidUtf8(bytes: Uint8Array): { offset: number; line: number } {
	let line = 1;
	for (let i = 0; i < bytes.length; ) {
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

export function readDraft(path: string, maxBytes = defaultMaxBytes): DraftFile {
	let size: number;
	try {
		size = statSync(path).size;
	} catch (err) {
		return { skipped: `无法读取：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, bom: false };
	}
	if (size > maxBytes) {
		return { skipped: `文件过大（${(size / 1048576).toFixed(1)} MB，上限 ${(maxBytes / 1048576).toFixed(0)} MB），已跳过`, bom: false };
	}
	try {
		return decodeDraft(readFileSync(path));
	} catch (err) {
		return { skipped: `无法读取：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, bom: false };
	}
}
