// The few WASI calls the segmenter's WebAssembly makes, served from memory: one read-only
// directory of files given as bytes, standard output and error kept as text for error
// messages, and no environment, clock or exit. Nothing here touches the disk, so the same
// module runs in Node, its worker threads and a web worker.

const errno = { success: 0, access: 2, badf: 8, inval: 28, nosys: 52, noent: 44, notdir: 54, spipe: 70 };
const filetype = { characterDevice: 2, directory: 3, regularFile: 4 };
const oflags = { creat: 1, directory: 2, excl: 4, trunc: 8 };
const whence = { set: 0, cur: 1, end: 2 };
/** Bytes of standard output and error kept for messages. */
const keptOutput = 4096;

interface OpenFile {
	name: string;
	bytes: Uint8Array;
	position: number;
}

/** Raised by proc_exit: the module gave up (an assertion or a failed check in its C++). */
export class WasiExit extends Error {
	constructor(readonly code: number) {
		super(`exit ${code}`);
	}
}

export class MemoryWasi {
	private memory: WebAssembly.Memory | undefined;
	private readonly open = new Map<number, OpenFile>();
	private nextFd = 4;
	/** What the module wrote to standard output and error, last bytes only. */
	output = '';
	/** The file most recently opened, for messages about a failed load. */
	lastOpened: string | undefined;

	/**
	 * `dir` is the one preopened directory (fd 3), holding `files` by name. The instance's
	 * memory is attached with `attach` once it exists.
	 */
	constructor(
		private readonly dir: string,
		private readonly files: ReadonlyMap<string, Uint8Array>,
	) {}

	attach(memory: WebAssembly.Memory): void {
		this.memory = memory;
	}

	/** The import object for `module`: the calls below, and ENOSYS for any other it names. */
	imports(module: WebAssembly.Module): WebAssembly.Imports {
		const calls = this.calls() as Record<string, (...args: never[]) => number>;
		const wasi: Record<string, (...args: never[]) => number> = {};
		for (const i of WebAssembly.Module.imports(module)) {
			if (i.module === 'wasi_snapshot_preview1' && i.kind === 'function') {
				wasi[i.name] = calls[i.name] ?? (() => errno.nosys);
			}
		}
		return { wasi_snapshot_preview1: wasi };
	}

	private view(): DataView {
		return new DataView(this.memory!.buffer);
	}

	private bytes(): Uint8Array {
		return new Uint8Array(this.memory!.buffer);
	}

	private calls() {
		const decoder = new TextDecoder();
		const encoder = new TextEncoder();
		const dirName = encoder.encode(this.dir);
		return {
			environ_sizes_get: (count: number, size: number) => {
				this.view().setUint32(count, 0, true);
				this.view().setUint32(size, 0, true);
				return errno.success;
			},
			environ_get: () => errno.success,
			args_sizes_get: (count: number, size: number) => {
				this.view().setUint32(count, 0, true);
				this.view().setUint32(size, 0, true);
				return errno.success;
			},
			args_get: () => errno.success,
			// A fixed time: the module's log lines carry a time stamp and nothing else reads the clock.
			clock_time_get: (_id: number, _precision: bigint, time: number) => {
				this.view().setBigUint64(time, 0n, true);
				return errno.success;
			},
			fd_prestat_get: (fd: number, prestat: number) => {
				if (fd !== 3) return errno.badf;
				this.view().setUint8(prestat, 0);
				this.view().setUint32(prestat + 4, dirName.length, true);
				return errno.success;
			},
			fd_prestat_dir_name: (fd: number, path: number, length: number) => {
				if (fd !== 3) return errno.badf;
				this.bytes().set(dirName.subarray(0, length), path);
				return errno.success;
			},
			fd_fdstat_get: (fd: number, stat: number) => {
				const type = fd <= 2 ? filetype.characterDevice : fd === 3 ? filetype.directory : this.open.has(fd) ? filetype.regularFile : 0;
				if (!type) return errno.badf;
				const view = this.view();
				view.setUint8(stat, type);
				view.setUint16(stat + 2, 0, true);
				view.setBigUint64(stat + 8, 0xffffffffffffffffn, true);
				view.setBigUint64(stat + 16, 0xffffffffffffffffn, true);
				return errno.success;
			},
			fd_fdstat_set_flags: (fd: number) => (fd <= 3 || this.open.has(fd) ? errno.success : errno.badf),
			path_open: (
				fd: number,
				_dirflags: number,
				path: number,
				length: number,
				flags: number,
				_base: bigint,
				_inheriting: bigint,
				_fdflags: number,
				opened: number,
			) => {
				if (fd !== 3) return errno.badf;
				if (flags & (oflags.creat | oflags.trunc | oflags.excl)) return errno.access;
				if (flags & oflags.directory) return errno.notdir;
				const name = decoder.decode(this.bytes().subarray(path, path + length));
				const bytes = this.files.get(name);
				if (!bytes) return errno.noent;
				const handle = this.nextFd++;
				this.open.set(handle, { name, bytes, position: 0 });
				this.lastOpened = name;
				this.view().setUint32(opened, handle, true);
				return errno.success;
			},
			fd_read: (fd: number, iovs: number, count: number, read: number) => {
				const file = this.open.get(fd);
				if (!file) return fd <= 2 ? errno.inval : errno.badf;
				const view = this.view();
				const memory = this.bytes();
				let total = 0;
				for (let i = 0; i < count; i++) {
					const buffer = view.getUint32(iovs + i * 8, true);
					const length = view.getUint32(iovs + i * 8 + 4, true);
					const chunk = file.bytes.subarray(file.position, file.position + length);
					memory.set(chunk, buffer);
					file.position += chunk.length;
					total += chunk.length;
					if (chunk.length < length) break;
				}
				view.setUint32(read, total, true);
				return errno.success;
			},
			fd_seek: (fd: number, offset: bigint, from: number, position: number) => {
				const file = this.open.get(fd);
				if (!file) return fd <= 2 ? errno.spipe : errno.badf;
				const base = from === whence.set ? 0 : from === whence.cur ? file.position : from === whence.end ? file.bytes.length : NaN;
				const next = base + Number(offset);
				if (!(next >= 0)) return errno.inval;
				file.position = next;
				this.view().setBigUint64(position, BigInt(next), true);
				return errno.success;
			},
			fd_write: (fd: number, iovs: number, count: number, written: number) => {
				if (fd !== 1 && fd !== 2) return errno.badf;
				const view = this.view();
				let total = 0;
				let text = '';
				for (let i = 0; i < count; i++) {
					const buffer = view.getUint32(iovs + i * 8, true);
					const length = view.getUint32(iovs + i * 8 + 4, true);
					text += decoder.decode(this.bytes().subarray(buffer, buffer + length));
					total += length;
				}
				this.output = (this.output + text).slice(-keptOutput);
				view.setUint32(written, total, true);
				return errno.success;
			},
			fd_close: (fd: number) => (this.open.delete(fd) || fd <= 3 ? errno.success : errno.badf),
			proc_exit: (code: number) => {
				throw new WasiExit(code);
			},
		};
	}
}
