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
