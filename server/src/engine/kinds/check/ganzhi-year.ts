import type { Hit } from '../../rule';
import { paragraphDateKind } from '../support/dateKind';

const stems = '甲乙丙丁戊己庚辛壬癸';
const branches = '子丑寅卯辰巳午未申酉戌亥';
const ganzhiPattern = /(?=[12])(?<![0-9])((?:19|20)[0-9]{2})年(?:是|为|即|，)?(?:中国)?(?:农历)?([甲乙丙丁戊己已庚辛壬癸][子丑寅卯辰巳已午未申酉戌戍亥])年/g;

export function ganzhiOf(year: number): string {
	return stems[(((year - 4) % 10) + 10) % 10] + branches[(((year - 4) % 12) + 12) % 12];
}

/** DAT-010: 2019年是已亥年 for 己亥年; the Gregorian year names its 干支 year. */
export const ganzhiYear = paragraphDateKind(
	'ganzhi-year',
	'{year}年是农历{replace}年，不是“{found}”年',
	['body', 'headline'],
	() => (ctx) => {
		const hits: Hit[] = [];
		for (const m of ctx.paragraph.text.matchAll(ganzhiPattern)) {
			const right = ganzhiOf(Number(m[1]));
			if (m[2] === right) continue;
			const start = m.index + m[0].length - 3;
			hits.push({ start, end: start + 2, slots: { year: m[1], replace: right }, fixes: [{ title: `改为“${right}”`, text: right }] });
		}
		return hits;
	},
	{ gate: () => ['年'] },
);
