import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from 'node:fs';

// Files a config names (rule files, people registries, name lists), the config files
// themselves and the ignore list are data from a workspace: they are read only when they
// are regular files of a sane size. A device (/dev/zero), a FIFO or a socket would stream
// forever or block the reader for good: such a file is refused with its reason, never opened
// for a blocking read. Drafts go through the same gate (io/readDraft).

/**
 * The largest data file read. The shipped rule files are under 100 KB; the YAML parser needs
 * seconds for a few megabytes of hostile text (a million one-character items).
 */
export const maxDataFileBytes = 2 * 1024 * 1024;

/**
 * The largest language-model overlay read (`lmOverlay:`, built by `newsproof lm add`). An
 * overlay is binary and read as typed-array views, never parsed; it takes about 1.4 bytes per
 * character of the archive it was counted from (50 MB for 36 million characters), so that this
 * allows the archive of several years of a daily paper.
 */
export const maxOverlayBytes = 256 * 1024 * 1024;

/**
 * The largest config file read. A config is a few switches and lists; an editor reads it again
 * for every lint, so that its parse, whatever the text, must stay short.
 */
export const maxConfigFileBytes = 256 * 1024;

/** What the readers have read, for the loader fuzz test's budget. */
export const dataFileStats = { files: 0, bytes: 0 };

/** A file refused before or while reading it; `message` is the reason, in Chinese. */
export class DataFileError extends Error {
	constructor(
		message: string,
		readonly kind: 'missing' | 'special' | 'directory' | 'too-large' | 'unreadable' | 'encoding',
		/** 1-based line the problem is on, when it is on one (a broken encoding). */
		readonly line = 0,
	) {
		super(message);
	}
}

/** The kind of a file that is not a regular file, in Chinese; undefined for a regular file. */
export function specialKind(stat: Stats): string | undefined {
	if (stat.isFile()) return undefined;
	if (stat.isDirectory()) return '目录';
	if (stat.isCharacterDevice()) return '字符设备';
	if (stat.isBlockDevice()) return '块设备';
	if (stat.isFIFO()) return '命名管道（FIFO）';
	if (stat.isSocket()) return '套接字';
	return '特殊文件';
}

const sizeText = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(n / 1024)} KB`);

function refusal(stat: Stats, maxBytes: number): DataFileError | undefined {
	const kind = specialKind(stat);
	if (kind) return new DataFileError(`是${kind}，不是普通文件`, kind === '目录' ? 'directory' : 'special');
	if (stat.size > maxBytes) return new DataFileError(`文件过大（${sizeText(stat.size)}，上限 ${sizeText(maxBytes)}）`, 'too-large');
	return undefined;
}

function errnoReason(err: unknown): DataFileError {
	const code = (err as NodeJS.ErrnoException).code;
	if (code === 'ENOENT' || code === 'ENOTDIR') return new DataFileError('文件不存在', 'missing');
	if (code === 'EISDIR') return new DataFileError('是目录，不是普通文件', 'directory');
	if (code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE')
		return new DataFileError('路径无效（含有 NUL 等不能用于文件名的字符）', 'unreadable');
	return new DataFileError(`无法读取（${code ?? (err as Error).message}）`, 'unreadable');
}

/**
 * Why the file at `path` would be refused, judged from its metadata without opening it (a
 * FIFO is never opened); undefined when it is a readable regular file within the cap.
 */
export function fileRefusal(path: string, maxBytes = maxDataFileBytes): DataFileError | undefined {
	let stat: Stats;
	try {
		stat = statSync(path);
	} catch (err) {
		return errnoReason(err);
	}
	return refusal(stat, maxBytes);
}

/** Never blocks on a FIFO; 0 where the platform has no such flag (it has no FIFOs either). */
export const openFlags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * The bytes of an open file, read to its end but never past `maxBytes` (the size it had when
 * it was asked may be stale: a file can grow while it is read). Throws DataFileError.
 */
export function readOpenFile(fd: number, sizeHint: number, maxBytes: number): Buffer {
	const chunks: Buffer[] = [];
	let total = 0;
	for (;;) {
		// First the size it gave plus one byte, to see that nothing follows; then (a file of
		// size 0 in /proc, a file that grew) into a scratch buffer, copied out only when read.
		const first = total === 0 && sizeHint > 0;
		const buffer = first ? Buffer.allocUnsafe(Math.min(sizeHint + 1, maxBytes + 1)) : (scratch ??= Buffer.allocUnsafe(65536));
		const length = Math.min(buffer.length, maxBytes + 1 - total);
		let n: number;
		try {
			n = readSync(fd, buffer, 0, length, null);
		} catch (err) {
			throw errnoReason(err);
		}
		if (n === 0) break;
		chunks.push(first ? buffer.subarray(0, n) : Buffer.from(buffer.subarray(0, n)));
		total += n;
		if (total > maxBytes) throw new DataFileError(`文件过大（读到一半已超过上限 ${sizeText(maxBytes)}）`, 'too-large');
	}
	dataFileStats.files++;
	dataFileStats.bytes += total;
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
}

/** Where reads past a file's given size land (one per thread, reads are synchronous). */
let scratch: Buffer | undefined;

/**
 * The bytes of a regular file, at most `maxBytes`. The file is opened without blocking and
 * asked what it is before a byte is read. Throws DataFileError.
 */
export function readRegularFile(path: string, maxBytes = maxDataFileBytes): Buffer {
	let fd: number;
	try {
		fd = openSync(path, openFlags);
	} catch (err) {
		throw errnoReason(err);
	}
	try {
		const stat = fstatSync(fd);
		const refused = refusal(stat, maxBytes);
		if (refused) throw refused;
		return readOpenFile(fd, stat.size, maxBytes);
	} finally {
		closeSync(fd);
	}
}

let utf8: InstanceType<typeof TextDecoder> | undefined;

/** The text of a UTF-8 data file (a byte order mark is dropped). Throws DataFileError. */
export function readDataFile(path: string, maxBytes = maxDataFileBytes): string {
	const bytes = readRegularFile(path, maxBytes);
	try {
		utf8 ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
		return utf8.decode(bytes);
	} catch {
		const text = new TextDecoder('utf-8').decode(bytes);
		const line = text.slice(0, text.indexOf('\ufffd')).split('\n').length;
		throw new DataFileError(`不是有效的 UTF-8 文本（第 ${line} 行附近），请另存为 UTF-8`, 'encoding', line);
	}
}
