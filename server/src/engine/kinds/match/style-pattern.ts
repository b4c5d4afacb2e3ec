import type { CompiledRule, Kind, RuleEntry, RuleMeta } from '../../rule';
import { RuleDataError } from '../../rule';
import { pattern } from './pattern';

// A pattern rule that depends on house style, where sources disagree (“一国两制”、“港人治港”
// keeps its 顿号 at Xinhua; GB/T 15834 drops it). It runs only while config `style:` sets
// its key to the value named in `switch.when`, or leaves the key unset and the default is
// that value. The keys are listed in docs/style-switches.md.

export interface StyleSwitch {
	key: string;
	/** The style value under which the rule reports. */
	when: string;
	/** The value assumed when the config leaves the key unset. */
	default: string;
}

export const stylePattern: Kind = {
	name: 'style-pattern',
	defaultMessage: pattern.defaultMessage,
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const s = entry.switch as StyleSwitch | undefined;
		if (!s || typeof s.key !== 'string' || typeof s.when !== 'string' || typeof s.default !== 'string') {
			throw new RuleDataError('style-pattern 规则需要 switch: { key, when, default }', 'switch');
		}
		const inner = pattern.compile(entry, meta);
		const check = inner.check!;
		return {
			...inner,
			check(ctx) {
				const value = ctx.options.style?.[s.key];
				return String(value ?? s.default) === s.when ? check(ctx) : [];
			},
		};
	},
};
