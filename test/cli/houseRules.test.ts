import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The worked example of docs/house-rules.md (docs/examples/) as a desk would use it:
// `newsproof lint --check-rules` runs its examples, a broken example is named at its rule's
// line, and the local officials' file checks names and titles.

const root = join(builtinRulesDir(), '..');
const examples = join(root, 'docs', 'examples');
const run = (args: string[], cwd: string, input?: string) =>
	spawnSync(process.execPath, [join(root, 'bin', 'newsproof.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000, input });

function copy(): string {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-house-'));
	cpSync(examples, dir, { recursive: true });
	return dir;
}

describe('CLI: house rules (docs/examples)', function () {
	this.timeout(120000);

	it('--check-rules passes every example of the worked example', () => {
		const r = run(['lint', '--check-rules', 'docs/examples'], root);
		assert.equal(r.stderr, '');
		assert.equal(r.stdout, '本报规则 3 条、例句 8 句，全部通过\n');
		assert.equal(r.status, 0);
	});

	it('the example rules fire on a draft in that folder, with their fixes', () => {
		const dir = copy();
		writeFileSync(join(dir, 'a.txt'), '滨江开发区西湖街办组织打工仔参加技能培训。\n');
		const r = run(['lint', '--format', 'json', '--rule', 'HSE', 'a.txt'], dir);
		assert.equal(r.status, 1, r.stderr);
		const [file] = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; text: string }[] }[];
		assert.deepEqual(
			file.diagnostics.map((d) => `${d.ruleId} ${d.text}`),
			['HSE-001 滨江开发区', 'HSE-003 西湖街办', 'HSE-002 打工仔'],
		);
		assert.equal(run(['lint', '--fix', '--rule', 'HSE', 'a.txt'], dir).status, 1);
		// The banned word has no certain fix: it stays for the editor to decide.
		assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), '滨江新区西湖街道组织打工仔参加技能培训。\n');
	});

	it('a broken example is named with its file and line, and the run exits 1', () => {
		const dir = copy();
		const file = join(dir, 'house-rules.rules.yaml');
		const text = readFileSync(file, 'utf8');
		writeFileSync(
			file,
			text
				.replace('- 西湖街道组织志愿者清理河道。', '- 东湖街办组织志愿者清理河道。')
				.replace('fixed: 滨江新区今年新建学校3所。', 'fixed: 滨江新区今年新建学校三所。'),
		);
		const r = run(['lint', '--check-rules', '.'], dir);
		assert.equal(r.status, 1, r.stderr);
		const line = (id: string) => text.split('\n').findIndex((l) => l.includes(`id: ${id}`)) + 1;
		assert.deepEqual(r.stdout.trim().split('\n'), [
			`house-rules.rules.yaml:${line('HSE-001')}: HSE-001：反例“滨江开发区今年新建学校3所。”修正后是“滨江新区今年新建学校3所。”，不是 fixed 写的“滨江新区今年新建学校三所。”`,
			`house-rules.rules.yaml:${line('HSE-003')}: HSE-003：正例“东湖街办组织志愿者清理河道。”报出了问题：HSE-003 不用简称“东湖街办”，写作“东湖街道”`,
			'本报规则 3 条、例句 8 句，2 处不符',
		]);
	});

	it('a rule file with a mistake stops --check-rules with exit 2 and the line', () => {
		const dir = copy();
		writeFileSync(
			join(dir, 'house-rules.rules.yaml'),
			readFileSync(join(examples, 'house-rules.rules.yaml'), 'utf8').replace('    prefer: 外来务工人员\n', '    prefers: 外来务工人员\n'),
		);
		const r = run(['lint', '--check-rules', '.'], dir);
		assert.equal(r.status, 2);
		assert.match(r.stderr, /house-rules\.rules\.yaml:\d+:\d+: .*“prefers”/);
	});

	it("the local officials' file checks names and titles", () => {
		const r = run(['lint', '--format', 'json', '--stdin-filename', 'docs/examples/a.txt', '-'], root, '区长周明远主持会议，区委副书记、区长林晓岚出席。\n');
		const [file] = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; text: string }[] }[];
		assert.deepEqual(
			file.diagnostics.map((d) => `${d.ruleId} ${d.text}`),
			['POL-062 区长周明远'],
		);
	});
});
