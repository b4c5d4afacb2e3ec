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

/** For each offset, whether it stands inside “…” (direct speech, quoted names). */
export function quotedAt(text: string): (offset: number) => boolean {
	const depth = new Int8Array(text.length + 1);
	let d = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '“' || c === '「') d++;
		else if ((c === '”' || c === '」') && d > 0) d--;
		depth[i + 1] = d;
	}
	return (offset) => depth[Math.min(offset, text.length)] > 0;
}


/** Weekday names as written after 星期/周/礼拜, by the day's index (Sunday 0). */
export const weekdayIndex: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
