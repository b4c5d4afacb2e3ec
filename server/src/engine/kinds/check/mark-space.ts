import { fastHan } from '../../chars';
import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { creditAt, onEditionLine } from '../support/credits';

// A full-width mark takes a whole character's width, so no space goes beside it (刚买了一部
// 手机 ，很满意). A caption is the exception: its credit or picture source follows the last
// sentence after one space (……外长会。 新华社记者刘昀摄, ……会谈。 图片来源：新华/路透),
// and so does an author's name signing off a commentary (……进程。　张全). A paper's source
// and edition line (《 人民日报 》（ 2023年08月22日 第 17 版）) is not body text.

const before = fastHan(/(?<=\p{Script=Han})[ \u3000]+(?=[，。；：！？、）》”])/gu);
const after = fastHan(/(?<=[，。；：！？、（《“])[ \u3000]+(?=\p{Script=Han})/gu);

export const markSpace: Kind = {
	name: 'mark-space',
	defaultMessage: '全角标点前后不加空格',
	compile(_entry: RuleEntry, meta: RuleMeta): CompiledRule {
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			gate: [' ', '\u3000'],
			check(ctx) {
				const { paragraph } = ctx;
				const text = paragraph.text;
				const hits: Hit[] = [];
				for (const re of [before, after]) {
					for (const m of text.matchAll(re)) {
						const start = m.index;
						const end = start + m[0].length;
						if (re === after && /[。！？]/.test(text[start - 1]) && creditAt(paragraph, end, true)) continue;
						// The paper's own source and edition line is set by its web template, not written.
						if (onEditionLine(paragraph, start)) continue;
						hits.push({ start, end, fixes: [{ title: '删除空格', text: '' }] });
					}
				}
				return hits.sort((a, b) => a.start - b.start);
			},
		};
	},
};
