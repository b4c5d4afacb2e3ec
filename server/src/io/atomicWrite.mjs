// The one atomic write of the project: drafts fixed by --fix, config and ignore files the
// editor edits, the server's code cache, and the build's own outputs. The data goes to a
// temporary file beside the target, then a rename puts it in place, so that a reader (or a
// process killed half-way) never sees half a file. A plain .mjs module so that the build
// script shares it with the bundles.
import {
	chmodSync,
	closeSync,
	fsyncSync,
	lstatSync,
	mkdirSync,
	openSync,
	readFileSync,
	realpathSync,
	renameSync,
	statSync,
	unlinkSync,
	writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temporary files end in this suffix, which no draft extension matches. */
export const temporarySuffix = '.newsproof-tmp';

/** A temporary name beside `path`: hidden, and never taken for a draft. */
export function temporaryName(path) {
	return join(dirname(path), `.${basename(path)}.${process.pid}-${Math.random().toString(36).slice(2, 8)}${temporarySuffix}`);
}

export class AtomicWriteError extends Error {}

/**
 * Writes `data` to `path` atomically. A symbolic link is followed, so that its target is
 * written and the link stays a link; a file with several hard links is refused, since the
 * rename would split them. Options: `unchanged` refuses the write when the file on disk
 * (`unchangedPath`, by default `path` itself) no longer holds those bytes (someone saved it
 * meanwhile); `mode` sets the new file's mode (default: the old file's); `durable` flushes the
 * data to disk before the rename.
 */
export function writeFileAtomic(path, data, options = {}) {
	let target = path;
	let mode = options.mode;
	try {
		if (lstatSync(path).isSymbolicLink()) target = realpathSync(path);
		const stat = statSync(target);
		if (!stat.isFile()) throw new AtomicWriteError('不是普通文件，未写入');
		if (stat.nlink > 1) throw new AtomicWriteError(`有 ${stat.nlink} 个硬链接，整体替换会拆开它们，未写入`);
		mode ??= stat.mode & 0o7777;
	} catch (err) {
		if (err instanceof AtomicWriteError) throw err;
		if (err.code !== 'ENOENT') throw new AtomicWriteError(`无法读取：${err.code ?? err.message}`);
		if (options.unchanged && !options.unchangedPath) throw new AtomicWriteError('文件已不存在，未写入');
		mkdirSync(dirname(target), { recursive: true });
	}
	const source = options.unchangedPath ?? target;
	const unchanged = () => {
		if (!options.unchanged) return;
		let current;
		try {
			current = readFileSync(source);
		} catch (err) {
			throw new AtomicWriteError(`文件已无法读取（${err.code ?? err.message}），未写入`);
		}
		if (!current.equals(options.unchanged)) throw new AtomicWriteError('文件在检查期间被修改，未写入');
	};
	unchanged();
	const temp = temporaryName(target);
	let fd;
	try {
		fd = openSync(temp, 'wx', mode ?? 0o666);
		writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
		if (options.durable) fsyncSync(fd);
		closeSync(fd);
		fd = undefined;
		if (mode !== undefined) chmodSync(temp, mode);
		// The check and the rename are microseconds apart: the best a plain file system offers.
		unchanged();
		renameSync(temp, target);
	} catch (err) {
		if (fd !== undefined) closeSync(fd);
		try {
			unlinkSync(temp);
		} catch {
			// Already renamed, or never made.
		}
		throw err instanceof AtomicWriteError ? err : new AtomicWriteError(`未写入：${err.code ?? err.message}`);
	}
}
