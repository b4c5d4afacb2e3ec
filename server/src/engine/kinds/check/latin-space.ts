import { fastHan } from '../../chars';
import type { CheckContext, CompiledRule, Hit, Kind, RuleEntry, RuleMeta, RuleOptions } from '../../rule';
import { RuleDataError } from '../../rule';
import { params, type Static, styleSwitch } from '../support/params';

// Some desks (and AutoCorrect, which many writers run) set a space between Chinese and Latin
// letters or digits: 全区 6 个办事处, 5G 网络. Under config `style: { latinSpacing: spaced }`
// this kind asks for that space where it is missing, and stray-space stops flagging it, so
// that the two fixes never undo each other. Under the default (`none`) it reports nothing.

/** The style key and the value under which Chinese and Latin letters or digits are spaced apart. */
export const latinSpacingKey = 'latinSpacing';
export const latinSpacedValue = 'spaced';

/** Whether the desk spaces Chinese apart from Latin letters and digits. */
export function latinSpaced(options: RuleOptions): boolean {
	return options.style?.[latinSpacingKey] === latinSpacedValue;
}

/** A run of Latin letters and digits, with the marks inside numbers and times: 5G, 3.5, 12:30, 1,000. */
const latinRun = /[A-Za-z0-9]+(?:[.,:][A-Za-z0-9]+)*/g;
const hanEnd = fastHan(/\p{Script=Han}$/u);
const hanStart = fastHan(/^\p{Script=Han}/u);

const switchMessage = `latin-space 规则需要 switch: { key: ${latinSpacingKey}, when: ${latinSpacedValue}, default }`;

export const latinSpaceParams = params({
	switch: styleSwitch(switchMessage),
});
export type LatinSpaceParams = Static<typeof latinSpaceParams>;

export const latinSpace: Kind = {
	name: 'latin-space',
	params: latinSpaceParams,
	defaultMessage: '中文与西文字母、数字之间应加空格',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const s = (entry as unknown as LatinSpaceParams).switch;
		// The schema says the switch's shape; only latinSpacing: spaced is this kind's switch.
		if (s.key !== latinSpacingKey || s.when !== latinSpacedValue) {
			throw new RuleDataError(switchMessage, 'switch');
		}
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: false,
			check(ctx: CheckContext) {
				if (String(ctx.options.style?.[s.key] ?? s.default) !== s.when) return [];
				const { paragraph } = ctx;
				const { text } = paragraph;
				const hits: Hit[] = [];
				for (const m of text.matchAll(latinRun)) {
					const start = m.index;
					const end = start + m[0].length;
					// A gap at a source line break is left alone: the fix would land at the line's end.
					const before = hanEnd.test(text.slice(Math.max(0, start - 2), start)) && !paragraph.crossesBreak(start - 1, start + 1);
					const after = hanStart.test(text.slice(end, end + 2)) && !paragraph.crossesBreak(end - 1, end + 1);
					if (!before && !after) continue;
					const context =
						(before ? text.slice(start - (isSurrogate(text, start - 1) ? 2 : 1), start) : '') +
						m[0] +
						(after ? String.fromCodePoint(text.codePointAt(end)!) : '');
					hits.push({
						start,
						end,
						slots: { found: m[0], context },
						fixes: [{ title: '加空格', text: (before ? ' ' : '') + m[0] + (after ? ' ' : '') }],
					});
				}
				return hits;
			},
		};
	},
};

function isSurrogate(text: string, at: number): boolean {
	const c = text.charCodeAt(at);
	return c >= 0xdc00 && c <= 0xdfff;
}
