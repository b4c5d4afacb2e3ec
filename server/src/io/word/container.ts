import { isUtf8 } from 'node:buffer';
import { readZip, storedData, writeZip, type ZipArchive, type ZipEntry, ZipError, zlib } from './zip';

// The .docx package: a ZIP file of XML parts (zip.ts reads its central directory). The parts
// newsproof needs are inflated by Node's own zlib with the output capped at the size the
// directory declares, so that a zip bomb costs neither memory nor time: inflation stops at
// the first byte past the limit. Only the text parts are ever inflated; pictures and the
// rest stay compressed and are copied as they are when a revised document is written.

/** A document that cannot be read, with the reason in Chinese (shown as a skipped file). */
export class WordError extends Error {}

export interface WordLimits {
	/** The .docx file itself (pictures included). */
	fileBytes: number;
	/** All XML parts read, unpacked. */
	xmlBytes: number;
}

export interface Part {
	name: string;
	/** The XML as UTF-8, without a byte order mark (a UTF-16 part is converted). */
	bytes: Uint8Array;
	/** How the part was encoded, to write it back the same way. */
	encoding: 'utf-8' | 'utf-16le' | 'utf-16be';
	bom: boolean;
}

export interface WordPackage {
	zip: ZipArchive;
	/** Entries by name, lower-cased (OPC names ignore case). */
	names: Map<string, ZipEntry>;
	unpacked: number;
	limits: WordLimits;
}

/** The same bytes as a Buffer, without copying them. */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

const megabytes = (n: number) => `${(n / 1048576).toFixed(1)} MB`;

const cfbMagic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
	return prefix.every((b, i) => bytes[i] === b);
}

/** Whether an OLE compound file (the container of .doc, .wps and encrypted .docx) holds a stream of this name. */
function hasStream(bytes: Uint8Array, name: string): boolean {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(name, 'utf16le'));
}

export const passwordMessage = 'Word 文档设有打开密码，newsproof 无法读取；请在 Word 或 WPS 中取消密码（文件 → 信息 → 保护文档）后再检查，已跳过';
export const legacyMessage = (kind: string) => `旧版${kind}二进制格式，newsproof 不读；请在 Word 或 WPS 中“另存为” Word 文档（.docx）后再检查，已跳过`;

/** Why bytes that are not a ZIP package cannot be a .docx, as precisely as the first bytes tell. */
function notAPackage(bytes: Uint8Array): WordError {
	if (startsWith(bytes, cfbMagic)) {
		// Word and WPS encrypt a .docx into a compound file with these two streams.
		if (hasStream(bytes, 'EncryptedPackage') || hasStream(bytes, 'EncryptionInfo')) return new WordError(passwordMessage);
		if (hasStream(bytes, 'WordDocument')) return new WordError(legacyMessage(' Word（.doc）'));
		return new WordError(legacyMessage(' Office/WPS '));
	}
	if (bytes.length === 0) return new WordError('空文件，不是 Word 文档，已跳过');
	return new WordError('不是 Word 文档（.docx 应是 ZIP 格式的包，这个文件不是），已跳过');
}

export function openPackage(bytes: Uint8Array, limits: WordLimits): WordPackage {
	if (bytes.length > limits.fileBytes) {
		throw new WordError(`文件过大（${megabytes(bytes.length)}，上限 ${megabytes(limits.fileBytes)}），已跳过`);
	}
	// A ZIP file starts with a local header, or with the end record when it is empty.
	if (!startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) && !startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
		throw notAPackage(bytes);
	}
	let zip: ZipArchive;
	try {
		zip = readZip(bytes);
	} catch (err) {
		throw new WordError(`文件已损坏：ZIP 结构无效（${zipReason(err)}），已跳过`);
	}
	const names = new Map<string, ZipEntry>();
	for (const entry of zip.entries) {
		const key = entry.name.toLowerCase();
		if (!names.has(key)) names.set(key, entry);
	}
	return { zip, names, unpacked: 0, limits };
}

function zipReason(err: unknown): string {
	return err instanceof ZipError ? err.message : String((err as Error)?.message ?? err);
}

/** The real name of a part, or undefined when the package lacks it. */
export function partName(pkg: WordPackage, name: string): string | undefined {
	return pkg.names.get(name.replace(/^\//, '').toLowerCase())?.name;
}

/** The unpacked bytes of one entry, within the package's budget for unpacked XML. */
export function readEntry(pkg: WordPackage, name: string): Uint8Array {
	const header = pkg.names.get(name.replace(/^\//, '').toLowerCase());
	if (!header) throw new WordError(`缺少 ${name}，已跳过`);
	if (header.flags & 1) throw new WordError(passwordMessage);
	const left = pkg.limits.xmlBytes - pkg.unpacked;
	if (header.size > left) {
		throw new WordError(`Word 文档的文字部分过大（${name} 解压后 ${megabytes(header.size)}，文字部分合计上限 ${megabytes(pkg.limits.xmlBytes)}），已跳过`);
	}
	let data: Uint8Array;
	try {
		const raw = storedData(pkg.zip, header);
		if (header.method === 0) {
			data = raw;
		} else if (header.method === 8) {
			// maxOutputLength must be at least 1; an entry declared empty may not inflate to more.
			// An output chunk as large as the part (within zlib's bounds) spares joining chunks.
			data = zlib().inflateRawSync(raw, { maxOutputLength: Math.max(1, header.size), chunkSize: Math.min(Math.max(header.size, 64), 64 * 1024 * 1024) });
		} else {
			throw new WordError(`${name} 的压缩方式（${header.method}）不受支持，已跳过`);
		}
	} catch (err) {
		if (err instanceof WordError) throw err;
		if (err instanceof ZipError) throw new WordError(`文件已损坏：${err.message}，已跳过`);
		if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
			throw new WordError(`${name} 解压后超过包内声明的大小（${megabytes(header.size)}），疑似 ZIP 炸弹，已停止解压并跳过`);
		}
		throw new WordError(`文件已损坏：${name} 无法解压（${(err as Error).message}），已跳过`);
	}
	if (data.length !== header.size) {
		throw new WordError(`文件已损坏：${name} 解压后的大小与包内记录不符，已跳过`);
	}
	if (crc32(data) !== header.crc >>> 0) {
		throw new WordError(`文件已损坏：${name} 校验和（CRC-32）不符，已跳过`);
	}
	pkg.unpacked += data.length;
	return data;
}

/** The entry's XML: UTF-8 (as Word writes), or UTF-16 with a byte order mark, checked and given as UTF-8. */
export function readPart(pkg: WordPackage, name: string): Part {
	const data = readEntry(pkg, name);
	const real = partName(pkg, name) ?? name;
	if (data[0] === 0xff && data[1] === 0xfe) return fromUtf16(real, data, 'utf-16le');
	if (data[0] === 0xfe && data[1] === 0xff) return fromUtf16(real, data, 'utf-16be');
	const bom = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf;
	const bytes = bom ? data.subarray(3) : data;
	if (!isUtf8(bytes)) throw new WordError(`文件已损坏：${real} 不是有效的 UTF-8 文本，已跳过`);
	return { name: real, bytes, encoding: 'utf-8', bom };
}

function fromUtf16(name: string, data: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Part {
	let text: string;
	try {
		// ignoreBOM false: the mark is kept out of the text, and written back from `bom`.
		text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(data);
	} catch {
		throw new WordError(`文件已损坏：${name} 不是有效的 ${encoding.toUpperCase()} 文本，已跳过`);
	}
	return { name, bytes: Buffer.from(text, 'utf8'), encoding, bom: true };
}

/** The package with these entries replaced or added (exact names), every other entry copied as it is. */
export function writePackage(pkg: WordPackage, files: Map<string, Uint8Array>, date: Date): Buffer {
	try {
		return writeZip(pkg.zip, { files, date, crc32 });
	} catch (err) {
		if (err instanceof ZipError) throw new WordError(`无法写出修订稿：${err.message}`);
		throw err;
	}
}

/** A part's new XML (UTF-8) in the part's own encoding, with its byte order mark if it had one. */
export function encodePart(part: Pick<Part, 'encoding' | 'bom'>, xml: Uint8Array): Buffer {
	if (part.encoding === 'utf-8') {
		return Buffer.concat([part.bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), xml]);
	}
	const le = Buffer.from((part.bom ? '\ufeff' : '') + asBuffer(xml).toString('utf8'), 'utf16le');
	return part.encoding === 'utf-16le' ? le : le.swap16();
}

/** CRC-32 from zlib where Node has it (20.15 and later), else a table here. */
export function crc32(data: Uint8Array): number {
	const { crc32: nativeCrc32 } = zlib() as { crc32?: (data: Uint8Array) => number };
	if (typeof nativeCrc32 === 'function') return nativeCrc32(data) >>> 0;
	crcTable ??= Int32Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c;
	});
	let crc = -1;
	for (let i = 0; i < data.length; i++) crc = crcTable[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}
let crcTable: Int32Array | undefined;
