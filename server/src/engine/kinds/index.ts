import type { Kind } from '../rule';
import { banned } from './banned';
import { bylineForm, bylineStaff } from './bylineForm';
import { dateValidity } from './dateValidity';
import { dateline } from './dateline';
import { dedide } from './dedide';
import { halfwidthPunctuation } from './halfwidthPunctuation';
import { order } from './order';
import { pattern } from './pattern';
import { people } from './people';
import { quote } from './quote';
import { replace } from './replace';
import { storyByline } from './storyByline';
import { straySpace } from './straySpace';
import { wordPairs } from './wordPairs';

/** Every kind by name; rule files pick one with `kind:`. Kinds are code, rules are data. */
export const kinds: Record<string, Kind> = Object.fromEntries(
	[replace, quote, pattern, order, straySpace, halfwidthPunctuation, dateValidity, bylineForm,
		bylineStaff, storyByline, dateline, dedide, wordPairs, banned, people].map((k) => [k.name, k]),
);
