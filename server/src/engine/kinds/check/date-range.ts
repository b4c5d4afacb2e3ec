import type { Hit } from '../../rule';
import { paragraphDateKind } from '../support/dateKind';

const rangePattern = /(?=[0-9])(?<![0-9])([0-9]{1,2})月([0-9]{1,2})日?[—～~\-－至到](?:([0-9]{1,2})月)?([0-9]{1,2})日/g;

/** DAT-008: 3月15日—10日, a range that ends before it starts. */
export const dateRange = paragraphDateKind('date-range', '日期区间“{found}”起止倒置，请核对', ['body', 'headline'], () => (ctx) => {
	const hits: Hit[] = [];
	for (const m of ctx.paragraph.text.matchAll(rangePattern)) {
		const m1 = Number(m[1]);
		const m2 = m[3] ? Number(m[3]) : m1;
		// A later month that is smaller runs into the next year (12月20日至1月5日).
		if (m1 === m2 && Number(m[4]) < Number(m[2])) {
			hits.push({ start: m.index, end: m.index + m[0].length });
		}
	}
	return hits;
});
