import type { Config } from '../../config';
import { type CompiledRule, type Hit, type RuleMeta, RulesetMemory } from '../../rule';
import type { Ruleset } from '../../ruleset';
import type { Category, Severity } from '../../types';
import { bylineStaff } from '../check/byline-staff';
import { dateline } from '../check/dateline';
import { storyByline } from '../check/story-byline';
import { wordPairs } from '../match/word-pairs';

// Rules that need data the rule files cannot hold: the newsroom's confusable pairs
// (`typos:` → TYP-590), its staff list (`staff:` → BYL-590), where its bylines go
// (`style.bylinePosition` → BYL-504), the names that replace 我市 and 我省 in copy for other
// outlets (`style.localNames` → BYL-016), and the publication date, from config or the file
// name (BYL-009). Their examples would need that data, so they are not in the rule files;
// their ids still take levels from `rules:`.

type ConfigData = Pick<Config, 'typos' | 'staff' | 'style'> & { files?: string[] };

/** The ids of the rules made here: `rules:` may set their levels whether or not the config turns them on. */
export const configRuleIds = ['BYL-009', 'BYL-016', 'BYL-504', 'BYL-590', 'TYP-590'];

/** The config's 我市 → 郑州市 table, or undefined when it sets none. */
function localNames(config: Pick<Config, 'style'>): Record<string, string> | undefined {
	const table = config.style?.localNames;
	if (!table || typeof table !== 'object' || Array.isArray(table)) {
		return undefined;
	}
	const entries = Object.entries(table as Record<string, unknown>).filter(
		(e): e is [string, string] => /^我[\u3400-\u9fff]$/.test(e[0]) && typeof e[1] === 'string' && e[1].length > 0,
	);
	return entries.length ? Object.fromEntries(entries) : undefined;
}

/**
 * 我市, 我省 outside quotations, for copy sent to other outlets, which speak of the place by
 * name. A quoted speaker keeps his own words; 自我 (自我省察) is not the pronoun.
 */
function localPronouns(meta: RuleMeta, table: Record<string, string>): CompiledRule {
	const words = Object.keys(table).sort((a, b) => b.length - a.length);
	const find = new RegExp(`(?<!自)(?:${words.join('|')})`, 'g');
	return {
		meta,
		paragraphKinds: ['body', 'headline'],
		needsWords: false,
		check(ctx) {
			const text = ctx.paragraph.text;
			const hits: Hit[] = [];
			for (const m of text.matchAll(find)) {
				if (ctx.paragraph.marks.quoted(m.index)) {
					continue;
				}
				const name = table[m[0]];
				hits.push({ start: m.index, end: m.index + m[0].length, slots: { found: m[0], replace: name }, fixes: [{ title: `改为“${name}”`, text: name }] });
			}
			return hits;
		},
	};
}

function metaFor(id: string, kind: string, category: Category, severity: Severity, message: string, explain: string, file: string): RuleMeta {
	return { id, kind, category, severity, message, explain, source: ['本报配置'], file, line: 0, trusted: false, examples: { bad: [], good: [] } };
}

export function configRules(config: ConfigData, memory: RulesetMemory): CompiledRule[] {
	const file = config.files?.[0] ?? '.newsproofrc.yaml';
	const rules: CompiledRule[] = [];
	{
		const meta = metaFor(
			'BYL-009',
			'dateline',
			'byline',
			'warning',
			'电头日期晚于刊发日期',
			'电头日期是发稿日，不会晚于刊发日期。刊发日期取配置 publicationDate，没有时取文件名中的日期（如 20211127）；两者都没有时本条不查。',
			file,
		);
		rules.push(dateline.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity, check: 'future' }, meta, memory));
	}
	const names = localNames(config);
	if (names) {
		const meta = metaFor(
			'BYL-016',
			'local-names',
			'byline',
			'info',
			'供稿他媒时不用“{found}”，写作“{replace}”',
			'对外发布或供稿他媒时用第三人称，“我市”“我省”写出地名。只在配置 style.localNames 给出对照（如 我市: 郑州市）时检查；引号内的原话不报。',
			file,
		);
		rules.push(localPronouns(meta, names));
	}
	if (config.typos.length) {
		const meta = metaFor('TYP-590', 'word-pairs', 'typo', 'error', wordPairs.defaultMessage, '本报配置 typos 中列出的易混词。', file);
		rules.push(wordPairs.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity, fromConfig: true }, meta, memory));
	}
	if (config.staff.length) {
		const meta = metaFor(
			'BYL-590',
			'byline-staff',
			'byline',
			'warning',
			bylineStaff.defaultMessage,
			'署名与配置 staff 中的本报人员名单只差一个字，多为笔误。',
			file,
		);
		rules.push(bylineStaff.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity }, meta, memory));
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
		rules.push(storyByline.compile({ id: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity, check: 'position' }, meta, memory));
	}
	return rules;
}

/**
 * The ruleset with the config's own rules added; the shared ruleset is left as it is. The
 * ruleset keeps one extended ruleset per config data, so that each lint of the same draft
 * sees the same ruleset object (caches keyed on it keep working).
 */
export function withConfigRules(ruleset: Ruleset, config: ConfigData): Ruleset {
	const key = JSON.stringify([config.typos.length > 0, config.staff.length > 0, config.style?.bylinePosition, localNames(config), config.files?.[0]]);
	const known = ruleset.memory.get('with config rules', () => new Map<string, Ruleset>());
	const cached = known.get(key);
	if (cached) {
		return cached;
	}
	const extra = configRules(config, ruleset.memory).filter((r) => !ruleset.byId.has(r.meta.id));
	const result = extra.length
		? {
				...ruleset,
				rules: [...ruleset.rules, ...extra],
				byId: new Map([...ruleset.byId, ...extra.map((r) => [r.meta.id, r] as const)]),
				memory: new RulesetMemory(),
			}
		: ruleset;
	known.set(key, result);
	return result;
}
