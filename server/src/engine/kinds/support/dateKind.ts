import type { CheckContext, Hit, Kind, RuleEntry } from '../../rule';
import type { ParagraphKind } from '../../textModel';
import { paragraphs, params, Type } from './params';
import type { TProperties } from '@sinclair/typebox';

// Shared by the date kinds that check one paragraph at a time.

function kindsOf(entry: RuleEntry, fallback: ParagraphKind[]): ParagraphKind[] {
	return Array.isArray(entry.in) ? (entry.in as ParagraphKind[]) : fallback;
}

/**
 * A date kind that checks one paragraph at a time, in the paragraphs `in:` names (else
 * `fallback`). `setup` reads and validates the entry once and returns the check.
 */
export function paragraphDateKind(
	name: string,
	defaultMessage: string,
	fallback: ParagraphKind[],
	setup: (entry: RuleEntry) => (ctx: CheckContext) => Hit[],
	more: {
		/** Strings one of which a paragraph must hold for the check to find anything (CompiledRule.gate). */
		gate?: (entry: RuleEntry) => string[];
		/** The kind's own parameters, beside `in`. */
		params?: TProperties;
	} = {},
): Kind {
	const { gate } = more;
	return {
		name,
		params: params({ in: Type.Optional(paragraphs({ description: `检查的段落种类（默认：${fallback.join('、')}）。` })), ...more.params }),
		defaultMessage,
		compile(entry, meta) {
			return { meta, paragraphKinds: kindsOf(entry, fallback), needsWords: false, check: setup(entry), gate: gate?.(entry) };
		},
	};
}

/** Weekday names as written after 星期/周/礼拜, by the day's index (Sunday 0). */
export const weekdayIndex: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
