import type { Kind } from '../rule';
import { anniversaryYears } from './anniversaryYears';
import { banned } from './banned';
import { bylineForm, bylineStaff } from './bylineForm';
import { charMap } from './charMap';
import { dateRange, dateWeekday, ganzhiYear, relativeDate, shortYear } from './dateChecks';
import { dateline } from './dateline';
import { dateValidity } from './dateValidity';
import { dedide } from './dedide';
import { fullwidthDigits } from './fullwidthDigits';
import { halfwidthPunctuation } from './halfwidthPunctuation';
import { numeralConsistency } from './numeralConsistency';
import { order } from './order';
import { pairedMarks } from './pairedMarks';
import { pastFestival } from './pastFestival';
import { pattern } from './pattern';
import { people } from './people';
import { quote } from './quote';
import { replace } from './replace';
import { storyByline } from './storyByline';
import { straySpace } from './straySpace';
import { stylePattern } from './stylePattern';
import { wordPairs } from './wordPairs';

/** Every kind by name; rule files pick one with `kind:`. Kinds are code, rules are data. */
export const kinds: Record<string, Kind> = Object.fromEntries(
	[replace, quote, pattern, order, straySpace, halfwidthPunctuation, dateValidity, bylineForm,
		dateWeekday, dateRange, relativeDate, shortYear, ganzhiYear, pairedMarks, numeralConsistency, stylePattern, charMap, banned, people,
		bylineStaff, storyByline, dateline, dedide, wordPairs, anniversaryYears, fullwidthDigits, pastFestival].map((k) => [k.name, k]),
);
