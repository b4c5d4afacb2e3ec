import type { CompiledRule, Kind, RuleEntry, RuleMeta, RulesetMemory } from '../../rule';
import { params, type Static, styleSwitch } from '../support/params';
import { pattern, patternParams } from './pattern';

// A pattern rule that depends on house style, where sources disagree (“一国两制”、“港人治港”
// keeps its 顿号 at Xinhua; GB/T 15834 drops it). It runs only while config `style:` sets
// its key to the value named in `switch.when`, or leaves the key unset and the default is
// that value. The keys are listed in docs/style-switches.md.

export const stylePatternParams = params({
	...patternParams.properties,
	switch: styleSwitch('style-pattern 规则需要 switch: { key, when, default }'),
});
export type StyleSwitch = Static<typeof stylePatternParams>['switch'];

export const stylePattern: Kind = {
	name: 'style-pattern',
	params: stylePatternParams,
	defaultMessage: pattern.defaultMessage,
	compile(entry: RuleEntry, meta: RuleMeta, memory: RulesetMemory): CompiledRule {
		const s = entry.switch as StyleSwitch;
		const inner = pattern.compile(entry, meta, memory);
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
