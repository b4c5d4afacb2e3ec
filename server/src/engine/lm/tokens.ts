// How text becomes the model's tokens, the same at build time and at run time: one token
// per character, every digit one token ('0') and every Latin letter another ('a'), so that
// 2019年 and 2026年 share their statistics; white space is no token at all.

/** Ids the vocabulary reserves before the characters. */
export const unk = 0;
export const bos = 1;
export const eos = 2;
export const firstChar = 3;

/** The token a code point stands for, or -1 for white space (skipped). */
export function tokenOf(code: number): number {
	if (code <= 0x7f) {
		if (code >= 0x30 && code <= 0x39) return 0x30;
		if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) return 0x61;
		if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) return -1;
		return code;
	}
	if (code >= 0xff10 && code <= 0xff19) return 0x30;
	if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) return 0x61;
	if (code === 0x3000 || code === 0xa0 || code === 0xfeff) return -1;
	return code;
}

/** True for the characters the model may flag: CJK ideographs. */
export function isHan(code: number): boolean {
	return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/**
 * The tokens of a text and, for each, the UTF-16 offset of its character. Astral characters
 * take two code units and one token.
 */
export function tokenize(text: string, idOf: (token: number) => number): { ids: Uint16Array; offsets: Uint32Array; length: number } {
	const ids = new Uint16Array(text.length);
	const offsets = new Uint32Array(text.length);
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.codePointAt(i)!;
		const at = i;
		if (code > 0xffff) i++;
		const token = tokenOf(code);
		if (token < 0) continue;
		ids[n] = idOf(token);
		offsets[n] = at;
		n++;
	}
	return { ids, offsets, length: n };
}
