import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The newsdraft TextMate grammar, checked with JavaScript regular expressions: both Oniguruma
// (VS Code) and JavaScript read these patterns the same way once `\p{Han}` is spelled
// `\p{Script=Han}`. Each case names the text a scope must cover on a sample line.

interface Rule {
	match?: string;
	name?: string;
	patterns?: Rule[];
	captures?: Record<string, { name: string }>;
}
const root = join(builtinRulesDir(), '..');
const grammar = JSON.parse(readFileSync(join(root, 'syntaxes', 'newsdraft.tmLanguage.json'), 'utf8')) as { repository: Record<string, Rule> };

function flatten(rule: Rule): Rule[] {
	return rule.patterns ? rule.patterns.flatMap(flatten) : [rule];
}

/** Every [scope, text] the grammar's rules assign on one line (first match per rule, as a rough tokenizer). */
function scopes(line: string): [string, string][] {
	const out: [string, string][] = [];
	for (const rule of Object.values(grammar.repository).flatMap(flatten)) {
		const re = new RegExp(rule.match!.replace(/\\p\{Han\}/g, '\\p{Script=Han}'), 'gmu');
		for (const m of line.matchAll(re)) {
			if (rule.name) out.push([rule.name, m[0]]);
			for (const [group, cap] of Object.entries(rule.captures ?? {})) {
				if (m[Number(group)]) out.push([cap.name, m[Number(group)]]);
			}
		}
	}
	return out;
}

const has = (line: string, scope: string, text: string) =>
	assert.ok(
		scopes(line).some(([s, t]) => s.startsWith(scope) && t.trim() === text),
		`${scope} on “${text}” in “${line}”: ${JSON.stringify(scopes(line))}`,
	);
const lacks = (line: string, scope: string) => assert.ok(!scopes(line).some(([s]) => s.startsWith(scope)), `no ${scope} in “${line}”`);

describe('newsdraft grammar', () => {
	it('compiles every pattern', () => {
		for (const rule of Object.values(grammar.repository).flatMap(flatten)) {
			assert.doesNotThrow(() => new RegExp(rule.match!.replace(/\\p\{Han\}/g, '\\p{Script=Han}'), 'u'), rule.match);
		}
	});

	it('marks datelines, with the byline in parentheses', () => {
		has('本报讯 11月18日上午，前程办事处', 'keyword.other.dateline', '本报讯');
		has('新华社北京11月27日电（记者 王明 李华）国务院', 'keyword.other.dateline', '新华社北京11月27日电');
		has('新华社北京11月27日电（记者 王明 李华）国务院', 'meta.byline', '（记者 王明 李华）');
		lacks('他说本报讯息很快', 'keyword.other.dateline');
	});

	it('marks bylines at line start or in parentheses, not 记者 in running text', () => {
		has('记者 柴琳琳 通讯员 宗源', 'entity.name.person', '柴琳琳');
		has('记者 柴琳琳 通讯员 宗源', 'entity.name.person', '宗源');
		has('记者 王赛华 文/图', 'storage.type.role', '文/图');
		lacks('记者了解到，该项目已开工。', 'entity.name.person');
	});

	it('marks titles, quoted terms, dates, weekdays and numbers', () => {
		const line = '会上学习了《河南省新的社会阶层人士五年行动计划》和“谁审批、谁监管”要求，2021年11月18日（星期四）共拆除1,200.5平方米，占比100%。';
		has(line, 'string.quoted.title', '《河南省新的社会阶层人士五年行动计划》');
		has(line, 'string.quoted.double', '“谁审批、谁监管”');
		has(line, 'constant.other.date', '2021年11月18日（星期四）');
		has(line, 'constant.numeric', '1,200.5');
		has(line, 'constant.numeric', '100%');
		has('二〇二一年十一月十八日', 'constant.other.date.chinese', '二〇二一年十一月十八日');
		has('展期为3月1日—5日', 'constant.other.date', '3月1日—5日');
	});

	it('marks desk furniture apart from the story', () => {
		has('【编者按】近年来', 'markup.heading.editorial', '【编者按】');
		has('责任编辑：张三', 'comment.line.editorial', '责任编辑：张三');
		has('全文到此。（完）', 'comment.line.endmark', '（完）');
	});
});
