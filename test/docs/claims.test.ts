import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { readConfigFile } from '../../server/src/engine/config';
import { latinSpacedValue, latinSpacingKey } from '../../server/src/engine/kinds/check/latin-space';

// What the README and the user docs tell a desk must stay true. Each stale claim that was
// once there fails a test if it comes back; the claims that replaced them are checked
// against the files they describe.

const root = join(builtinRulesDir(), '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const userDocs = ['README.md', 'docs/cli.md', 'docs/editors.md', 'docs/people.md', 'docs/bylines.md', 'docs/style-switches.md', 'docs/house-rules.md'];
const texts = userDocs.map((path) => ({ path, text: read(path) }));

/** The docs' text outside the English section for developers. */
const forReaders = (text: string) => text.split(/^## For developers \(English\)$/m)[0];

describe('README and docs', () => {
	it("speak Chinese to newsroom users (outside the developers' section and code)", () => {
		for (const { path, text } of texts) {
			const prose = forReaders(text)
				.replace(/```[\s\S]*?```/g, '')
				.replace(/`[^`\n]*`/g, '');
			const han = prose.match(/\p{Script=Han}/gu)?.length ?? 0;
			const latinWords = prose.match(/[A-Za-z]{2,}/g)?.length ?? 0;
			assert.ok(han > 4 * latinWords, `${path}: ${han} Han characters, ${latinWords} Latin words`);
		}
		assert.match(read('README.md'), /^## For developers \(English\)$/m);
	});

	it('no stale claim comes back', () => {
		const stale: [RegExp, string][] = [
			[/links? to (?:its|the rule's) entry/i, 'diagnostics open the rule at its line (#L<line>), not an entry anchor'],
			[/references? no external files|不引用外部文件/i, 'the HTML report is described by its content security policy'],
			[/npm install -g (?!<)[\w@-]|npm install -g` the package|npm i -g newsproof/, 'newsproof is not published: install from the repository or the .vsix'],
			[/English and Chinese UI/i, 'the UI follows the display language; messages are Chinese only'],
			[/newsproof\.dev\/schema/, 'no public schema URL exists'],
			[/rules\/\*\.yaml` (?:are|is) validated|rule files under `rules\/`/i, 'only *.rules.yaml files are associated with the schema'],
			[/ruleFiles: \[house-rules\.yaml\]/, 'house rule files end in .rules.yaml'],
		];
		for (const { path, text } of texts) {
			for (const [re, why] of stale) assert.doesNotMatch(text, re, `${path}: ${why}`);
		}
	});

	it('the UI languages are what the docs say: every manifest string and every notice in Chinese too', () => {
		const english = JSON.parse(read('package.nls.json')) as Record<string, string>;
		const chinese = JSON.parse(read('package.nls.zh-cn.json')) as Record<string, string>;
		assert.deepEqual(
			Object.keys(english).filter((k) => !(k in chinese)),
			[],
		);
		const bundle = JSON.parse(read('l10n/bundle.l10n.zh-cn.json')) as Record<string, string>;
		const client = read('client/src/extension.ts');
		const notices = [...client.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map((m) => m[1].replace(/\\'/g, "'"));
		assert.ok(notices.length > 5);
		assert.deepEqual(
			notices.filter((n) => !(n in bundle)),
			[],
		);
		assert.match(read('README.md'), /随 VS Code 的显示语言为英文或简体中文/);
	});

	it('the AutoCorrect notice names the real style switch, and a config with it is valid', () => {
		const client = read('client/src/extension.ts');
		const bundle = read('l10n/bundle.l10n.zh-cn.json');
		for (const text of [client, bundle, read('README.md'), read('docs/style-switches.md')]) {
			const named = [...text.matchAll(/style: \{ (\w+): (\w+) \}|^ {2}(latinSpacing): (\w+)/gm)].map((m) => `${m[1] ?? m[3]}: ${m[2] ?? m[4]}`);
			assert.ok(named.includes(`${latinSpacingKey}: ${latinSpacedValue}`), named.join());
		}
		const dir = mkdtempSync(join(tmpdir(), 'newsproof-docs-'));
		writeFileSync(join(dir, '.newsproofrc.yaml'), `style: { ${latinSpacingKey}: ${latinSpacedValue} }\n`);
		const { config, problems } = readConfigFile(join(dir, '.newsproofrc.yaml'));
		assert.deepEqual(problems, []);
		assert.equal(config?.style?.[latinSpacingKey], latinSpacedValue);
	});

	it('README images and the docs the extension opens are inside the .vsix', () => {
		const kept = read('.vscodeignore')
			.split('\n')
			.filter((l) => l.startsWith('!'))
			.map(
				(l) =>
					new RegExp(
						`^${l
							.slice(1)
							.replace(/[.+^${}()|[\]\\]/g, '\\$&')
							.replace(/\*\*/g, '.*')
							.replace(/(?<!\.)\*/g, '[^/]*')}$`,
					),
			);
		const inVsix = (path: string) => kept.some((re) => re.test(path));
		const images = [...read('README.md').matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
		assert.ok(images.length >= 3);
		for (const image of images) {
			assert.ok(!/^[a-z]+:/i.test(image), `${image} is not a relative path`);
			assert.ok(existsSync(join(root, image)), `${image} does not exist`);
			assert.ok(inVsix(image), `${image} is left out of the .vsix`);
		}
		const opened = [...read('client/src/extension.ts').matchAll(/joinPath\(context\.extensionUri, ((?:'[^']+', )*'[^']+')\)/g)].map((m) =>
			m[1].replace(/'/g, '').split(', ').join('/'),
		);
		assert.ok(opened.includes('docs/style-switches.md'), opened.join());
		for (const path of opened) assert.ok(inVsix(path), `${path} is opened by the extension but left out of the .vsix`);
		for (const path of ['CHANGELOG.md', 'LICENSE', 'README.md', 'docs/rules.md', 'docs/house-rules.md']) assert.ok(inVsix(path), path);
	});

	it('a CHANGELOG in Keep a Changelog form and a LICENSE matching package.json', () => {
		const changelog = read('CHANGELOG.md');
		assert.match(changelog, /Keep a Changelog/);
		const version = (JSON.parse(read('package.json')) as { version: string }).version;
		assert.match(changelog, new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\]`, 'm'));
		assert.match(changelog, /^### (?:新增|Added)$/m);
		assert.equal((JSON.parse(read('package.json')) as { license: string }).license, 'MIT');
		assert.match(read('LICENSE'), /^MIT License/);
	});
});
