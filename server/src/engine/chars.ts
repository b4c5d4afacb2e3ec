// Character classes shared by rules. Han covers the CJK unified ideographs and their
// extensions, including astral ones such as 𠮷 (U+20BB7), hence the `u` flag where used.

export const han = '\\p{Script=Han}';
export const hanRe = /\p{Script=Han}/u;
export const openingQuotes = '“‘「『"\'';
export const closingQuotes = '”’」』"\'';

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
