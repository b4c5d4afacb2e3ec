// The ZIP container of a .docx, read and written here: a package holds a dozen entries and
// newsproof needs three or four of them, so the reader parses the end record and the central
// directory (46 bytes and a name per entry) and nothing else, and finds an entry's data
// through its local header only when it is asked for. Every offset and length is checked
// against the file before it is used. The writer copies every entry it does not change byte
// for byte (local header, data and data descriptor), writes the changed and added ones
// deflated, and a new central directory.

/** Node's zlib, loaded with the first Word document: a language server that never opens one starts without it. */
export const zlib = (): typeof import('node:zlib') => require('node:zlib');

/** A ZIP file that cannot be read, with the reason in Chinese. */
export class ZipError extends Error {}

export interface ZipEntry {
	name: string;
	flags: number;
	method: number;
	crc: number;
	compressedSize: number;
	size: number;
	localOffset: number;
	/** From the central directory, written back as they were. */
	versionMadeBy: number;
	versionNeeded: number;
	time: number;
	date: number;
	internalAttributes: number;
	externalAttributes: number;
	/** Extra fields other than the ZIP64 one, and the entry's comment. */
	extra: Uint8Array;
	comment: Uint8Array;
}

export interface ZipArchive {
	bytes: Uint8Array;
	/** In central directory order. */
	entries: ZipEntry[];
	/** Where the central directory starts: local records end there. */
	centralStart: number;
	comment: Uint8Array;
}

const sig = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, end64: 0x06064b50, locator64: 0x07064b50, descriptor: 0x08074b50 };
const utf8 = new TextDecoder('utf-8');

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A 64-bit field, as a number no larger than the file can hold. */
function u64(v: DataView, at: number, what: string): number {
	const n = v.getBigUint64(at, true);
	if (n > BigInt(v.byteLength)) throw new ZipError(`${what}超出文件范围`);
	return Number(n);
}

/** The end of central directory record: the last one in the file, behind at most a 64 KB comment. */
function findEnd(bytes: Uint8Array, v: DataView): number {
	const lowest = Math.max(0, bytes.length - 22 - 0xffff);
	for (let at = bytes.length - 22; at >= lowest; at--) {
		if (bytes[at] === 0x50 && v.getUint32(at, true) === sig.end && at + 22 + v.getUint16(at + 20, true) <= bytes.length) return at;
	}
	throw new ZipError('找不到中央目录结尾记录，文件可能不完整');
}

export function readZip(bytes: Uint8Array): ZipArchive {
	const v = view(bytes);
	const end = findEnd(bytes, v);
	let count = v.getUint16(end + 10, true);
	let centralSize = v.getUint32(end + 12, true);
	let centralStart = v.getUint32(end + 16, true);
	if (v.getUint16(end + 4, true) !== 0 || v.getUint16(end + 6, true) !== 0) throw new ZipError('分卷 ZIP 文件不受支持');
	const comment = bytes.subarray(end + 22, end + 22 + v.getUint16(end + 20, true));
	if (count === 0xffff || centralSize === 0xffffffff || centralStart === 0xffffffff) {
		// ZIP64: a locator right before the end record points at the ZIP64 end record.
		const locator = end - 20;
		if (locator < 0 || v.getUint32(locator, true) !== sig.locator64) throw new ZipError('ZIP64 定位记录缺失');
		const end64 = u64(v, locator + 8, 'ZIP64 结尾记录位置');
		if (end64 + 56 > bytes.length || v.getUint32(end64, true) !== sig.end64) throw new ZipError('ZIP64 结尾记录无效');
		count = u64(v, end64 + 32, 'ZIP64 条目数');
		centralSize = u64(v, end64 + 40, 'ZIP64 中央目录大小');
		centralStart = u64(v, end64 + 48, 'ZIP64 中央目录位置');
	}
	if (centralStart + centralSize > end || count * 46 > centralSize) throw new ZipError('中央目录超出文件范围');
	const entries: ZipEntry[] = [];
	let at = centralStart;
	for (let i = 0; i < count; i++) {
		if (at + 46 > centralStart + centralSize || v.getUint32(at, true) !== sig.central) throw new ZipError(`中央目录第 ${i + 1} 项无效`);
		const nameLength = v.getUint16(at + 28, true);
		const extraLength = v.getUint16(at + 30, true);
		const commentLength = v.getUint16(at + 32, true);
		const next = at + 46 + nameLength + extraLength + commentLength;
		if (next > centralStart + centralSize) throw new ZipError(`中央目录第 ${i + 1} 项超出目录范围`);
		const entry: ZipEntry = {
			name: utf8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
			flags: v.getUint16(at + 8, true),
			method: v.getUint16(at + 10, true),
			crc: v.getUint32(at + 16, true),
			compressedSize: v.getUint32(at + 20, true),
			size: v.getUint32(at + 24, true),
			localOffset: v.getUint32(at + 42, true),
			versionMadeBy: v.getUint16(at + 4, true),
			versionNeeded: v.getUint16(at + 6, true),
			time: v.getUint16(at + 12, true),
			date: v.getUint16(at + 14, true),
			internalAttributes: v.getUint16(at + 36, true),
			externalAttributes: v.getUint32(at + 38, true),
			extra: bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength),
			comment: bytes.subarray(at + 46 + nameLength + extraLength, next),
		};
		if (entry.size === 0xffffffff || entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff)
			readZip64Extra(entry, v, at + 46 + nameLength, extraLength);
		if (entry.localOffset + 30 > centralStart) throw new ZipError(`${entry.name} 的本地文件头超出文件范围`);
		entries.push(entry);
		at = next;
	}
	return { bytes, entries, centralStart, comment };
}

/** The ZIP64 extra field (id 1) holds, in order, those of the sizes and the offset that are 0xFFFFFFFF in the record. */
function readZip64Extra(entry: ZipEntry, v: DataView, start: number, length: number): void {
	const rest: number[] = [];
	for (let at = start; at + 4 <= start + length;) {
		const id = v.getUint16(at, true);
		const size = v.getUint16(at + 2, true);
		if (at + 4 + size > start + length) break;
		if (id === 1) {
			let field = at + 4;
			const take = (what: string) => {
				if (field + 8 > at + 4 + size) throw new ZipError(`${entry.name} 的 ZIP64 扩展字段不完整`);
				const n = u64(v, field, what);
				field += 8;
				return n;
			};
			if (entry.size === 0xffffffff) entry.size = take('ZIP64 大小');
			if (entry.compressedSize === 0xffffffff) entry.compressedSize = take('ZIP64 压缩大小');
			if (entry.localOffset === 0xffffffff) entry.localOffset = take('ZIP64 偏移');
		} else {
			rest.push(at, at + 4 + size);
		}
		at += 4 + size;
	}
	// The ZIP64 field is not written back: the writer's offsets and sizes fit in 32 bits.
	const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
	const parts: Uint8Array[] = [];
	for (let i = 0; i < rest.length; i += 2) parts.push(bytes.subarray(rest[i], rest[i + 1]));
	entry.extra = Buffer.concat(parts);
}

/** Where an entry's compressed data starts, from its local header. */
function dataStart(zip: ZipArchive, entry: ZipEntry): number {
	const v = view(zip.bytes);
	const at = entry.localOffset;
	if (v.getUint32(at, true) !== sig.local) throw new ZipError(`${entry.name} 的本地文件头无效`);
	const start = at + 30 + v.getUint16(at + 26, true) + v.getUint16(at + 28, true);
	if (start + entry.compressedSize > zip.centralStart) throw new ZipError(`${entry.name} 的数据超出文件范围`);
	return start;
}

/** The entry's bytes as stored (compressed, unless the method is 0). */
export function storedData(zip: ZipArchive, entry: ZipEntry): Uint8Array {
	const start = dataStart(zip, entry);
	return zip.bytes.subarray(start, start + entry.compressedSize);
}

/** The whole local record of an entry: header, data and data descriptor, as it is in the file. */
function localRecord(zip: ZipArchive, entry: ZipEntry): Uint8Array {
	let end = dataStart(zip, entry) + entry.compressedSize;
	if (entry.flags & 8) {
		// A data descriptor follows the data: CRC and both sizes, with or without its signature.
		const v = view(zip.bytes);
		const signed = end + 4 <= zip.centralStart && v.getUint32(end, true) === sig.descriptor;
		const sizes = entry.size >= 0xffffffff || entry.compressedSize >= 0xffffffff ? 16 : 8;
		end = Math.min(zip.centralStart, end + (signed ? 4 : 0) + 4 + sizes);
	}
	return zip.bytes.subarray(entry.localOffset, end);
}

/** MS-DOS time and date, as ZIP stores them. */
function dosTime(date: Date): { time: number; date: number } {
	return {
		time: (date.getHours() << 11) | (date.getMinutes() << 5) | (date.getSeconds() >> 1),
		date: (Math.max(0, date.getFullYear() - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
	};
}

export interface ZipChanges {
	/** New content of entries, by their exact name; a name not in the archive is added at the end. */
	files: Map<string, Uint8Array>;
	date: Date;
	crc32(data: Uint8Array): number;
}

/**
 * The archive with some entries replaced or added. Every other entry's local record is
 * copied as it is; changed and added entries are deflated and carry no data descriptor.
 */
export function writeZip(zip: ZipArchive, changes: ZipChanges): Buffer {
	const out: Uint8Array[] = [];
	const central: Uint8Array[] = [];
	let offset = 0;
	const stamp = dosTime(changes.date);
	const written = new Set<string>();
	const put = (entry: ZipEntry, local: Uint8Array) => {
		if (entry.size > 0xffffffff || entry.compressedSize > 0xffffffff) throw new ZipError(`${entry.name} 超过 4 GB，无法写出修订稿`);
		const record = Buffer.alloc(46 + Buffer.byteLength(entry.name) + entry.extra.length + entry.comment.length);
		record.writeUInt32LE(sig.central, 0);
		record.writeUInt16LE(entry.versionMadeBy, 4);
		record.writeUInt16LE(entry.versionNeeded, 6);
		record.writeUInt16LE(entry.flags, 8);
		record.writeUInt16LE(entry.method, 10);
		record.writeUInt16LE(entry.time, 12);
		record.writeUInt16LE(entry.date, 14);
		record.writeUInt32LE(entry.crc >>> 0, 16);
		record.writeUInt32LE(entry.compressedSize, 20);
		record.writeUInt32LE(entry.size, 24);
		const name = Buffer.from(entry.name, 'utf8');
		record.writeUInt16LE(name.length, 28);
		record.writeUInt16LE(entry.extra.length, 30);
		record.writeUInt16LE(entry.comment.length, 32);
		record.writeUInt16LE(0, 34);
		record.writeUInt16LE(entry.internalAttributes, 36);
		record.writeUInt32LE(entry.externalAttributes >>> 0, 38);
		record.writeUInt32LE(offset, 42);
		name.copy(record, 46);
		record.set(entry.extra, 46 + name.length);
		record.set(entry.comment, 46 + name.length + entry.extra.length);
		central.push(record);
		out.push(local);
		offset += local.length;
		if (offset > 0xffffffff) throw new ZipError('修订稿超过 4 GB，无法写出');
	};
	const fresh = (base: ZipEntry | undefined, name: string, content: Uint8Array): [ZipEntry, Uint8Array] => {
		const data = zlib().deflateRawSync(content);
		const nameBytes = Buffer.from(name, 'utf8');
		const nonAscii = nameBytes.length !== name.length;
		// Bit 11: the name is UTF-8. No data descriptor, no encryption.
		const flags = ((base?.flags ?? 0) & 0x0800) | (nonAscii ? 0x0800 : 0);
		const entry: ZipEntry = {
			name,
			flags,
			method: 8,
			crc: changes.crc32(content),
			compressedSize: data.length,
			size: content.length,
			localOffset: offset,
			versionMadeBy: base?.versionMadeBy ?? 20,
			versionNeeded: 20,
			time: stamp.time,
			date: stamp.date,
			internalAttributes: base?.internalAttributes ?? 0,
			externalAttributes: base?.externalAttributes ?? 0,
			extra: new Uint8Array(0),
			comment: base?.comment ?? new Uint8Array(0),
		};
		const header = Buffer.alloc(30 + nameBytes.length);
		header.writeUInt32LE(sig.local, 0);
		header.writeUInt16LE(entry.versionNeeded, 4);
		header.writeUInt16LE(flags, 6);
		header.writeUInt16LE(8, 8);
		header.writeUInt16LE(entry.time, 10);
		header.writeUInt16LE(entry.date, 12);
		header.writeUInt32LE(entry.crc >>> 0, 14);
		header.writeUInt32LE(data.length, 18);
		header.writeUInt32LE(content.length, 22);
		header.writeUInt16LE(nameBytes.length, 26);
		header.writeUInt16LE(0, 28);
		nameBytes.copy(header, 30);
		return [entry, Buffer.concat([header, data])];
	};
	for (const entry of zip.entries) {
		const content = changes.files.get(entry.name);
		written.add(entry.name);
		if (content) {
			put(...fresh(entry, entry.name, content));
		} else {
			put(entry, localRecord(zip, entry));
		}
	}
	for (const [name, content] of changes.files) {
		if (!written.has(name)) put(...fresh(undefined, name, content));
	}
	const centralSize = central.reduce((n, c) => n + c.length, 0);
	if (central.length > 0xffff || offset + centralSize > 0xffffffff) throw new ZipError('修订稿条目过多或过大，无法写出');
	const end = Buffer.alloc(22 + zip.comment.length);
	end.writeUInt32LE(sig.end, 0);
	end.writeUInt16LE(central.length, 8);
	end.writeUInt16LE(central.length, 10);
	end.writeUInt32LE(centralSize, 12);
	end.writeUInt32LE(offset, 16);
	end.writeUInt16LE(zip.comment.length, 20);
	end.set(zip.comment, 22);
	return Buffer.concat([...out, ...central, end]);
}
