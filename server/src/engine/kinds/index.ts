import type { Kind } from '../rule';
import { rulesFileSchema } from './schema';
import { anniversaryYears } from './check/anniversary-years';
import { banned } from './match/banned';
import { bylineForm } from './check/byline-form';
import { bylineStaff } from './check/byline-staff';
import { charMap } from './match/char-map';
import { dateRange } from './check/date-range';
import { dateWeekday } from './check/date-weekday';
import { ganzhiYear } from './check/ganzhi-year';
import { relativeDate } from './check/relative-date';
import { shortYear } from './check/short-year';
import { dateline } from './check/dateline';
import { dateValidity } from './check/date-validity';
import { dedide } from './check/de-di-de';
import { firstMention } from './check/first-mention';
import { fullwidthDigits } from './check/fullwidth-digits';
import { lmTypo } from './check/lm-typo';
import { halfwidthPunctuation } from './check/halfwidth-punctuation';
import { idiom } from './check/idiom';
import { latinSpace } from './check/latin-space';
import { markSpace } from './check/mark-space';
import { numeralConsistency } from './check/numeral-consistency';
import { order } from './match/order';
import { pairedMarks } from './check/paired-marks';
import { pastFestival } from './check/past-festival';
import { pattern } from './match/pattern';
import { people } from './match/people';
import { quote } from './match/quote';
import { replace } from './match/replace';
import { storyByline } from './check/story-byline';
import { straySpace } from './check/stray-space';
import { stylePattern } from './match/style-pattern';
import { wordPairs } from './match/word-pairs';

/** Every kind by name; rule files pick one with `kind:`. Kinds are code, rules are data. */
export const kinds: Record<string, Kind> = Object.fromEntries(
	[
		replace,
		quote,
		pattern,
		order,
		straySpace,
		halfwidthPunctuation,
		dateValidity,
		bylineForm,
		dateWeekday,
		dateRange,
		relativeDate,
		shortYear,
		ganzhiYear,
		pairedMarks,
		numeralConsistency,
		stylePattern,
		charMap,
		banned,
		people,
		bylineStaff,
		storyByline,
		dateline,
		dedide,
		wordPairs,
		anniversaryYears,
		fullwidthDigits,
		pastFestival,
		markSpace,
		idiom,
		firstMention,
		latinSpace,
		lmTypo,
	].map((k) => [k.name, k]),
);

/** The schema of a rule file, made from the kinds' parameters; rules/schema/rules.schema.json is its copy. */
export const rulesSchema = rulesFileSchema(Object.values(kinds));
