// Character classes shared by rules. Han covers the CJK unified ideographs and their
// extensions, including astral ones such as 𠮷 (U+20BB7), hence the `u` flag where used.
//
// \p{Script=Han} is 21 ranges, ten of them astral, which V8 compiles into a large matcher
// (split into surrogate pairs, again for each copy a quantifier makes): about 2 ms for
// \p{Script=Han}{2,4}, paid by every process on first use. The same BMP ranges with the two
// ideographic planes (U+20000-U+3347F) taken whole compile three to four times faster and
// match the same characters: the planes hold only Han and unassigned code points.

/** Script=Han as class ranges, for use inside brackets. */
export const hanRanges =
	'\\u2E80-\\u2E99\\u2E9B-\\u2EF3\\u2F00-\\u2FD5\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303B\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uF900-\\uFA6D\\uFA70-\\uFAD9\\u{16FE2}\\u{16FE3}\\u{16FF0}-\\u{16FF6}\\u{20000}-\\u{3347F}';
/** One Han character (a pattern for the `u` flag). */
export const han = `[${hanRanges}]`;

/**
 * A pattern source with every \p{Script=Han} replaced by the ranges above: bracketed on its
 * own, bare inside a class. Anything else is left as written; \P{Script=Han} is left alone.
 */
export function withHanRanges(source: string): string {
	if (!source.includes('\\p{Script=Han}')) return source;
	let out = '';
	let inClass = false;
	for (let i = 0; i < source.length; i++) {
		const c = source[i];
		if (c === '\\') {
			if (source.startsWith('\\p{Script=Han}', i)) {
				out += inClass ? hanRanges : han;
				i += '\\p{Script=Han}'.length - 1;
			} else {
				out += source.slice(i, i + 2);
				i++;
			}
			continue;
		}
		if (c === '[') inClass = true;
		else if (c === ']') inClass = false;
		out += c;
	}
	return out;
}

/** The regular expression with \p{Script=Han} compiled as the ranges above (same matches). */
export function fastHan(re: RegExp): RegExp {
	return new RegExp(withHanRanges(re.source), re.flags);
}

export const hanRe = fastHan(/\p{Script=Han}/u);

export function isHan(c: string | undefined): boolean {
	return c !== undefined && hanRe.test(c);
}

const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numerals for 0 to 999, as used in session names (十九届六中全会, 二十届). */
export function toHanziNumber(n: number): string {
	if (!Number.isInteger(n) || n < 0 || n > 999) {
		return String(n);
	}
	if (n < 10) {
		return digits[n];
	}
	if (n < 20) {
		return '十' + (n % 10 ? digits[n % 10] : '');
	}
	if (n < 100) {
		return digits[Math.floor(n / 10)] + '十' + (n % 10 ? digits[n % 10] : '');
	}
	const rest = n % 100;
	const tail = rest === 0 ? '' : rest < 10 ? '零' + digits[rest] : rest < 20 ? '一' + toHanziNumber(rest) : toHanziNumber(rest);
	return digits[Math.floor(n / 100)] + '百' + tail;
}

export function escapeRegExp(s: string): string {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const hanziDigitValue: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const hanziUnitValue: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** The value of a Chinese numeral below 万 (六, 十二, 三百零五), or undefined when it is not one. */
export function parseHanziNumber(s: string): number | undefined {
	if (!s || !/^[〇零一二两三四五六七八九十百千]+$/.test(s)) {
		return undefined;
	}
	let total = 0;
	let digit: number | undefined;
	for (const c of s) {
		if (c in hanziDigitValue) {
			digit = hanziDigitValue[c];
		} else {
			// 十 alone stands for 一十.
			total += (digit ?? 1) * hanziUnitValue[c];
			digit = undefined;
		}
	}
	return total + (digit ?? 0);
}

/** Full-width ASCII forms (０-９, Ａ-Ｚ, ａ-ｚ) to their half-width letters and digits. */
export function toHalfwidth(s: string): string {
	return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/** Year written digit by digit in Chinese numerals (二〇二一) from 2021. */
export function toHanziYear(year: number): string {
	return String(year).replace(/[0-9]/g, (d) => (d === '0' ? '〇' : digits[Number(d)]));
}
