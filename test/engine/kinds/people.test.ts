import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir, lintText, resolveConfig } from '../../../server/src/engine';
import { loadPeople, parsePeople } from '../../../server/src/engine/kinds/match/people';
import type { RuleOptions } from '../../../server/src/engine/rule';
import { describeFindings, fixAll, lintFile, rulesetFromYaml, sharedSegmenter } from '../../helpers/engine';

// The people kind against the shipped registry (rules/people.yaml) and a newsroom's own
// registry of local officials, written to a temporary folder as a newsroom would.

const ruleset = rulesetFromYaml(`
rules:
  - { id: TST-060, kind: people, check: titleOrder, category: political, severity: error, examples: { bad: [x], good: [y] } }
  - { id: TST-061, kind: people, check: order, exceptNames: [韩正], category: political, severity: error, examples: { bad: [x], good: [y] } }
  - { id: TST-062, kind: people, check: titles, category: political, severity: error, examples: { bad: [x], good: [y] } }
  - { id: TST-063, kind: people, check: order, names: [韩正], category: political, severity: info, examples: { bad: [x], good: [y] } }
  - { id: TST-064, kind: people, check: spelling, category: political, severity: error, examples: { bad: [x], good: [y] } }
`);

function run(text: string, options: RuleOptions = {}) {
	const findings = lintText(text, { ruleset, segmenter: sharedSegmenter, ruleOptions: options }).findings;
	return { findings, described: describeFindings(text, findings) };
}

const dir = mkdtempSync(join(tmpdir(), 'newsproof-people-'));
const local = join(dir, 'zhengzhou.yaml');
writeFileSync(
	local,
	`group: 郑州市
people:
  - name: 吴红霞
    rank: 3
    titles: [市委统战部部长, 市委常委]
    titleOrder: [市委常委, 市委统战部部长]
  - name: 张建国
    rank: 1
    titles: [市委书记]
  - name: 刘晓东
    rank: 2
    titles: [市长, 市委副书记]
`,
);

describe('people kind', () => {
	it('ships a registry that loads without problems', () => {
		const registry = loadPeople([]);
		assert.deepEqual(registry.problems, []);
		assert.deepEqual(
			[...registry.people.values()]
				.filter((p) => p.rank !== undefined && p.rank <= 7)
				.sort((a, b) => a.rank! - b.rank!)
				.map((p) => p.name),
			['习近平', '李强', '赵乐际', '王沪宁', '蔡奇', '丁薛祥', '李希'],
		);
		assert.equal(registry.people.get('韩正')?.rank, 8);
	});

	it('flags a title held by another leader and names its holder', () => {
		const { findings } = run('全国政协主席赵乐际主持会议。');
		assert.equal(findings.length, 1);
		assert.equal(findings[0].ruleId, 'TST-062');
		assert.equal(findings[0].severity, 'error');
		assert.match(findings[0].message, /全国人大常委会委员长/);
		assert.match(findings[0].message, /全国政协主席是王沪宁/);
	});

	it('accepts the right titles before and after a name, full or short', () => {
		for (const text of [
			'全国人大常委会委员长赵乐际主持会议。',
			'李强总理会见外宾。',
			'中共中央政治局常委、中央纪委书记李希出席。',
			'国家副主席韩正会见客人。',
			'习近平总书记强调。',
		]) {
			assert.deepEqual(run(text).described, [], text);
		}
	});

	it('judges titles by the draft date: a 2018 story may name 中央纪委书记赵乐际', () => {
		const text = '中央纪委书记赵乐际出席会议。';
		assert.deepEqual(run(text, { publicationDate: new Date('2018-03-10T00:00:00Z') }).described, []);
		const now = run(text, { publicationDate: new Date('2024-03-10T00:00:00Z') }).findings;
		assert.equal(now.length, 1);
		assert.equal(now[0].severity, 'error');
		// Without a date the former title is only a hint: it may be an old story.
		assert.equal(run(text).findings[0].severity, 'hint');
		// The date also comes from a yyyymmdd file name.
		assert.deepEqual(run(text, { path: '/drafts/xwlb_20180310_01.txt' }).described, []);
	});

	it('stays quiet on 时任 and 原, and on meeting roles', () => {
		assert.deepEqual(run('时任中央纪委书记赵乐际出席会议。', { publicationDate: new Date('2024-01-01T00:00:00Z') }).described, []);
		assert.deepEqual(run('大会主席团常务主席赵乐际主持会议。').described, []);
	});

	it("reorders one person's titles", () => {
		const text = '国家主席、中共中央总书记、中央军委主席习近平出席会议。';
		const { findings } = run(text);
		assert.deepEqual(
			findings.map((f) => f.ruleId),
			['TST-060'],
		);
		assert.equal(fixAll(text, findings), '中共中央总书记、国家主席、中央军委主席习近平出席会议。');
	});

	it('reorders leaders listed out of protocol order, keeping separators, subsets allowed', () => {
		const text = '李强、蔡奇、王沪宁、丁薛祥和李希出席座谈会。';
		const { findings } = run(text);
		assert.deepEqual(
			findings.map((f) => f.ruleId),
			['TST-061'],
		);
		assert.equal(fixAll(text, findings), '李强、王沪宁、蔡奇、丁薛祥和李希出席座谈会。');
		assert.deepEqual(run('李强、王沪宁、李希出席座谈会。').described, []);
	});

	it('puts 韩正 after the Standing Committee at its own severity', () => {
		const text = '习近平、韩正、李强等出席。';
		const { findings } = run(text);
		assert.deepEqual(
			findings.map((f) => [f.ruleId, f.severity]),
			[['TST-063', 'info']],
		);
		assert.equal(fixAll(text, findings), '习近平、李强、韩正等出席。');
	});

	it('does not check the order of a list dated before the registry', () => {
		const text = '习近平、李克强、栗战书、汪洋、王沪宁、赵乐际、韩正出席。';
		assert.deepEqual(run(text, { publicationDate: new Date('2018-03-20T00:00:00Z') }).described, []);
		assert.equal(run(text, { publicationDate: new Date('2024-03-20T00:00:00Z') }).findings.length, 1);
	});

	it('corrects a transposed leader name', () => {
		const text = '习平近同志强调。';
		const { findings } = run(text);
		assert.deepEqual(
			findings.map((f) => f.ruleId),
			['TST-064'],
		);
		assert.equal(fixAll(text, findings), '习近平同志强调。');
	});

	it('keeps the offsets right after an astral character', () => {
		const text = '𠮷全国政协主席赵乐际主持会议。';
		const [f] = run(text).findings;
		assert.equal(f.range.start.character, text.indexOf('主席赵乐际'));
		assert.equal(f.text, '主席赵乐际');
	});

	describe('a newsroom registry', () => {
		const options: RuleOptions = { people: [local] };

		it('flags a local official paired with a title she does not hold', () => {
			const { findings } = run('局长吴红霞介绍了情况。', options);
			assert.equal(findings.length, 1);
			assert.equal(findings[0].text, '局长吴红霞');
			assert.match(findings[0].message, /市委统战部部长/);
			assert.deepEqual(run('部长吴红霞介绍了情况。', options).described, []);
			// Without the newsroom file the name is unknown and nothing is said.
			assert.deepEqual(run('局长吴红霞介绍了情况。').described, []);
		});

		it('orders local officials by their own ranks and titles', () => {
			const text = '刘晓东、张建国、吴红霞出席。';
			assert.equal(fixAll(text, run(text, options).findings), '张建国、刘晓东、吴红霞出席。');
			const titles = '市委统战部部长、市委常委吴红霞出席。';
			assert.equal(fixAll(titles, run(titles, options).findings), '市委常委、市委统战部部长吴红霞出席。');
		});

		it('is read from config people:, relative to the config file', () => {
			const rc = join(dir, '.newsproofrc.yaml');
			writeFileSync(rc, 'people: [zhengzhou.yaml]\n');
			assert.deepEqual(resolveConfig([rc]).people, [local]);
		});

		it("reaches the shipped POL rules through the config of the draft's folder", () => {
			writeFileSync(join(dir, '.newsproofrc.yaml'), 'root: true\npeople: [zhengzhou.yaml]\n');
			const draft = join(dir, 'draft.txt');
			const text = '局长吴红霞介绍了情况。\n';
			writeFileSync(draft, text);
			const found = lintFile(draft, text, { segmenter: sharedSegmenter }).findings.filter((f) => f.ruleId.startsWith('POL-06'));
			assert.deepEqual(
				found.map((f) => [f.ruleId, f.text]),
				[['POL-062', '局长吴红霞']],
			);
		});

		it('reports a broken registry with file and line, and keeps the good entries', () => {
			const registry = parsePeople(
				'people:\n  - name: 王五\n    titles: [局长]\n  - name: 王五\n    titles: [处长]\n  - name: 赵六\n    rank: x\n    titles: [科长]\n',
				'bad.yaml',
			);
			assert.ok(registry.problems.length > 0);
			assert.ok(
				registry.problems.every((p) => p.file === 'bad.yaml' && p.line > 0),
				JSON.stringify(registry.problems),
			);
			const semantic = parsePeople(
				'people:\n  - name: 王五\n    titles: [局长]\n  - name: 王五\n    titles: [处长]\n  - name: 钱七\n    titles: [科长]\n    titleOrder: [科长, 处长]\n',
				'dup.yaml',
			);
			assert.deepEqual(
				semantic.problems.map((p) => p.line),
				[4, 8],
			);
			assert.deepEqual([...semantic.people.keys()], ['王五']);
		});

		it('reports an unreadable registry file instead of crashing', () => {
			const registry = loadPeople([join(dir, 'missing.yaml')]);
			assert.equal(registry.problems.length, 1);
			assert.match(registry.problems[0].message, /无法读取人员名录/);
			assert.ok(registry.people.has('习近平'));
		});
	});

	it('finds the shipped registry beside the rules', () => {
		assert.ok(loadPeople([]).people.get('习近平')?.file.startsWith(builtinRulesDir()));
	});
});
