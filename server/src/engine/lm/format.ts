// The model file: a small JSON header, then typed arrays laid end to end, each at an 8-byte
// boundary, read in place as views of one buffer (no parsing of the data itself).
//
//   bytes 0-3   'NPLM'
//   bytes 4-7   format version (u32, little-endian)
//   bytes 8-11  length of the JSON header in bytes
//   bytes 12-   the JSON header (sections, counts, build facts), padded to 8 bytes
//   then        the sections, in the order the header lists them

export const magic = 'NPLM';
/** Bumped whenever the layout or the meaning of a section changes. */
export const formatVersion = 3;

/** Steps of a dictionary word's frequency as stored (words.frequency): quarters of a power of ten. */
export const wordFrequencySteps = 4;

export type ArrayKind = 'u8' | 'u16' | 'u32' | 'i32' | 'f32';
export type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;

export interface Section {
	name: string;
	kind: ArrayKind;
	/** Byte offset from the start of the file. */
	offset: number;
	/** Number of elements. */
	length: number;
}

export interface ModelHeader {
	format: number;
	/** What the file is: 'model' (the shipped model) or 'overlay' (a newsroom's own counts). */
	type: 'model' | 'overlay';
	/** Total size of the file in bytes, to detect a truncated copy. */
	bytes: number;
	sections: Section[];
	/** Anything else the writer records (order, counts, discounts, source). */
	info: Record<string, unknown>;
}

const sizes: Record<ArrayKind, number> = { u8: 1, u16: 2, u32: 4, i32: 4, f32: 4 };

function kindOf(array: TypedArray): ArrayKind {
	if (array instanceof Uint8Array) return 'u8';
	if (array instanceof Uint16Array) return 'u16';
	if (array instanceof Uint32Array) return 'u32';
	if (array instanceof Int32Array) return 'i32';
	return 'f32';
}

const align = (n: number) => (n + 7) & ~7;

/** Lays the sections out after the header and returns the whole file. */
export function writeModelFile(type: ModelHeader['type'], info: Record<string, unknown>, arrays: [string, TypedArray][]): Buffer {
	// The header's length depends on the offsets it lists: lay out twice, the second time with the real size.
	let headerBytes = 0;
	let header: ModelHeader | undefined;
	let json = '';
	for (let pass = 0; pass < 3; pass++) {
		let offset = align(12 + headerBytes);
		const sections: Section[] = arrays.map(([name, array]) => {
			const s = { name, kind: kindOf(array), offset, length: array.length };
			offset = align(offset + array.length * sizes[s.kind]);
			return s;
		});
		header = { format: formatVersion, type, bytes: offset, sections, info };
		json = JSON.stringify(header);
		const length = Buffer.byteLength(json);
		if (length === headerBytes) break;
		headerBytes = length;
	}
	const out = Buffer.alloc(header!.bytes);
	out.write(magic, 0, 'latin1');
	out.writeUInt32LE(formatVersion, 4);
	out.writeUInt32LE(headerBytes, 8);
	out.write(json, 12, 'utf8');
	arrays.forEach(([, array], i) => {
		const s = header!.sections[i];
		Buffer.from(array.buffer, array.byteOffset, array.byteLength).copy(out, s.offset);
	});
	return out;
}

/** Why a model file cannot be used: named in the message the user sees. */
export class ModelFileError extends Error {}

/**
 * Reads the header of a model file held in `buffer` and returns views of its sections.
 * Throws ModelFileError for a file that is not a model, of another format, or truncated.
 */
export function readModelFile(
	buffer: ArrayBuffer | SharedArrayBuffer,
	byteLength = buffer.byteLength,
): { header: ModelHeader; arrays: Map<string, TypedArray> } {
	const bytes = new Uint8Array(buffer, 0, byteLength);
	if (byteLength < 12 || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== magic) {
		throw new ModelFileError('不是 newsproof 语言模型文件（文件头不符）');
	}
	const view = new DataView(buffer, 0, byteLength);
	const version = view.getUint32(4, true);
	if (version !== formatVersion) {
		throw new ModelFileError(`模型文件格式版本为 ${version}，本程序需要版本 ${formatVersion}；请重新运行 npm run lm:build 或更新 newsproof`);
	}
	const headerBytes = view.getUint32(8, true);
	if (12 + headerBytes > byteLength) {
		throw new ModelFileError(`模型文件不完整：只有 ${byteLength} 字节`);
	}
	let header: ModelHeader;
	try {
		header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headerBytes))) as ModelHeader;
	} catch {
		throw new ModelFileError('模型文件头损坏');
	}
	if (header.bytes !== byteLength) {
		throw new ModelFileError(`模型文件不完整：应为 ${header.bytes} 字节，实为 ${byteLength} 字节`);
	}
	const arrays = new Map<string, TypedArray>();
	for (const s of header.sections) {
		const end = s.offset + s.length * sizes[s.kind];
		if (s.offset % 8 || end > byteLength) {
			throw new ModelFileError(`模型文件的“${s.name}”段越界`);
		}
		const make = { u8: Uint8Array, u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f32: Float32Array }[s.kind];
		arrays.set(s.name, new make(buffer as ArrayBuffer, s.offset, s.length));
	}
	return { header, arrays };
}
