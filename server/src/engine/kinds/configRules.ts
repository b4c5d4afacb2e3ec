import type { Config } from '../config';
import type { CompiledRule, RuleMeta } from '../rule';
import type { Ruleset } from '../ruleset';
import type { Category, Severity } from '../types';
import { bylineStaff } from './bylineForm';
import { storyByline } from './storyByline';
import { wordPairs } from './wordPairs';

// Rules that exist only when a newsroom's config gives them data: its confusable pairs
// (`typos:` → TYP-590), its staff list (`staff:` → BYL-590) and where its bylines go
// (`style.bylinePosition` → BYL-504). They have no examples of
// their own, so they are not in the rule files; their ids still take levels from `rules:`.

function metaFor(id: string, kind: string, category: Category, severity: Severity, message: string, explain: string, file: string): RuleMeta {
	return { id, kind, category, severity, message, explain, source: ['本报配置'], file, line: 0, trusted: false, examples: { bad: [], good: [] } };
}

export function configRules(config: Pick<Config, 'typos' | 'staff' | 'style'> & { files?: string[] }): CompiledRule[] {
	const file = config.files?.[0] ?? '.newsproofrc.yaml';
	const rules: CompiledRule[] = [];
	if (config.typos.length) {
		const meta = metaFor('TYP-590', 'word-pairs', 'typo', 'error', wordPairs.defaultMessage, '本报配置 typos 中列出的易混词。', file);
		rules.push(wordPairs.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity, fromConfig: true }, meta));
	}
	if (config.staff.length) {
		const meta = metaFor('BYL-590', 'byline-staff', 'byline', 'warning', bylineStaff.defaultMessage, '署名与配置 staff 中的本报人员名单只差一个字，多为笔误。', file);
		rules.push(bylineStaff.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity }, meta));
	}
	const position = config.style?.bylinePosition;
	if (position === 'end' || position === 'dateline') {
		const meta = metaFor(
			'BYL-504',
			'story-byline',
			'byline',
			'warning',
			'署名位置不合本报体例',
			'署名位置按本报体例统一：style.bylinePosition 为 end 时单列稿末，为 dateline 时放在电头后括号内。',
			file,
		);
		rules.push(storyByline.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity, mode: 'position' }, meta));
	}
	return rules;
}

// One extended ruleset per ruleset and config data, so that each lint of the same draft
// sees the same ruleset object (caches keyed on it keep working).
const extended = new WeakMap<Ruleset, Map<string, Ruleset>>();

/** The ruleset with the config's own rules added; the shared ruleset is left as it is. */
export function withConfigRules(ruleset: Ruleset, config: Pick<Config, 'typos' | 'staff' | 'style'> & { files?: string[] }): Ruleset {
	if (!config.typos.length && !config.staff.length && config.style?.bylinePosition === undefined) {
		return ruleset;
	}
	const key = JSON.stringify([config.typos.length > 0, config.staff.length > 0, config.style?.bylinePosition, config.files?.[0]]);
	const known = extended.get(ruleset) ?? new Map<string, Ruleset>();
	extended.set(ruleset, known);
	const cached = known.get(key);
	if (cached) {
		return cached;
	}
	const extra = configRules(config).filter((r) => !ruleset.byId.has(r.meta.id));
	const result = extra.length
		? { ...ruleset, rules: [...ruleset.rules, ...extra], byId: new Map([...ruleset.byId, ...extra.map((r) => [r.meta.id, r] as const)]) }
		: ruleset;
	known.set(key, result);
	return result;
}
