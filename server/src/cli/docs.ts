import { type Category, categoryNames, type CompiledRule, type Ruleset, severityNames, sourceTitle } from '../engine';

// The rule reference (docs/rules.md) is generated from the rule data, one anchor per rule,
// so that a diagnostic's codeDescription can link straight to its entry.

export function ruleAnchor(id: string): string {
	return id.toLowerCase();
}

function escapeCell(s: string): string {
	return s.replace(/\|/g, '\\|').replace(/\n/g, '⏎');
}

export function rulesReference(ruleset: Ruleset): string {
	const rules = [...ruleset.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
	const byCategory = new Map<Category, CompiledRule[]>();
	for (const r of rules) {
		const list = byCategory.get(r.meta.category) ?? [];
		list.push(r);
		byCategory.set(r.meta.category, list);
	}
	const out: string[] = [
		'# newsproof 规则说明',
		'',
		'<!-- 本文件由 `npm run rules:docs` 根据 rules/*.yaml 生成，请勿手改。 -->',
		'',
		`共 ${rules.length} 条规则。`,
		'',
		'| 编号 | 类别 | 级别 | 类型 | 说明 |',
		'|---|---|---|---|---|',
		...rules.map(
			(r) =>
				`| [${r.meta.id}](#${ruleAnchor(r.meta.id)}) | ${categoryNames[r.meta.category]} | ${severityNames[r.meta.severity]} | ${r.meta.kind} | ${escapeCell(r.meta.explain.split('。')[0])} |`,
		),
		'',
	];
	for (const [category, list] of byCategory) {
		out.push(`## ${categoryNames[category]}`, '');
		for (const r of list) {
			const m = r.meta;
			out.push(`<a id="${ruleAnchor(m.id)}"></a>`, '', `### ${m.id}`, '');
			out.push(`- 级别：${severityNames[m.severity]}；类型：${m.kind}；定义：\`${m.file.replace(/\\/g, '/').replace(/^.*\/rules\//, 'rules/')}:${m.line}\``);
			if (m.source.length) out.push(`- 依据：${m.source.map(sourceTitle).join('；')}`);
			out.push('', m.explain || '（无说明）', '');
			for (const b of m.examples.bad) {
				out.push(`- ✗ ${escapeCell(b.text)}${b.fixed ? `  \n  ✓ ${escapeCell(b.fixed)}` : ''}`);
			}
			for (const g of m.examples.good) {
				out.push(`- ✓ ${escapeCell(g)}`);
			}
			out.push('');
		}
	}
	return out.join('\n');
}
