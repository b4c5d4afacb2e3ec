import type { Kind } from '../rule';
import { bylineForm } from './bylineForm';
import { dateValidity } from './dateValidity';
import { halfwidthPunctuation } from './halfwidthPunctuation';
import { order } from './order';
import { pattern } from './pattern';
import { quote } from './quote';
import { replace } from './replace';
import { straySpace } from './straySpace';

/** Every kind by name; rule files pick one with `kind:`. Kinds are code, rules are data. */
export const kinds: Record<string, Kind> = Object.fromEntries(
	[replace, quote, pattern, order, straySpace, halfwidthPunctuation, dateValidity, bylineForm].map((k) => [k.name, k]),
);
