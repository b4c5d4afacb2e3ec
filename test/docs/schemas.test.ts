import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { builtinRulesDir } from '../../server/src/engine';
import { schemaModeline } from '../../server/src/io/starterConfig';

// Which YAML files get which schema. VS Code reads package.json `contributes.yamlValidation`;
// yaml-language-server elsewhere (and in VS Code too) reads a first-line modeline. The
// shipped files carry a modeline with a relative path; the association claims only files
// named for newsproof, never every project's rules/ folder.

const root = join(builtinRulesDir(), '..');
const rulesDir = builtinRulesDir();
const modeline = /^# yaml-language-server: \$schema=(\S+)\n/;

/** VS Code's fileMatch: a pattern without a slash matches the file name, with * and ** as globs. */
function fileMatches(pattern: string, path: string): boolean {
	const target = pattern.includes('/') ? path : basename(path);
	const source = pattern
		.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		.replace(/\*\*\//g, '\u0000')
		.replace(/\*\*/g, '.*')
		.replace(/\*/g, '[^/]*')
		.replace(/\?/g, '[^/]')
		.replace(/\u0000/g, '(?:.*/)?');
	return new RegExp(`^${pattern.includes('/') && !pattern.startsWith('**') ? '(?:.*/)?' : ''}${source}$`).test(target);
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { yamlValidation: { fileMatch: string[]; url: string }[] } };
const schemaOf = (path: string) => manifest.contributes.yamlValidation.filter((v) => v.fileMatch.some((p) => fileMatches(p, path))).map((v) => v.url);

describe('schema association', () => {
	it('every rules/*.yaml starts with a modeline naming an existing schema it validates against', () => {
		const files = readdirSync(rulesDir).filter((f) => f.endsWith('.yaml'));
		assert.ok(files.length >= 10, files.join());
		const ajv = new Ajv({ allErrors: true, strict: false });
		for (const name of files) {
			const text = readFileSync(join(rulesDir, name), 'utf8');
			const m = modeline.exec(text);
			assert.ok(m, `${name} has no schema modeline on its first line`);
			assert.match(m[1], /^\.\/schema\/[\w.]+\.schema\.json$/, name);
			const schema = JSON.parse(readFileSync(join(rulesDir, m[1]), 'utf8')) as object;
			const validate = ajv.getSchema((schema as { $id: string }).$id) ?? ajv.compile(schema);
			assert.ok(validate(parse(text)), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
		}
	});

	it("package.json claims newsproof's own file names, not arbitrary rules/ folders", () => {
		for (const path of ['project/rules/house.yaml', 'rules/ban.yaml', 'docs/rules/style.yaml', 'config.yaml', 'ci/rules.yaml']) {
			assert.deepEqual(schemaOf(path), [], path);
		}
		assert.deepEqual(schemaOf('desk/house.rules.yaml'), ['./rules/schema/rules.schema.json']);
		assert.deepEqual(schemaOf('desk/.newsproofrc.yaml'), ['./rules/schema/config.schema.json']);
		assert.deepEqual(schemaOf('desk/.newsproof/ignore.yaml'), ['./rules/schema/ignore.schema.json']);
		for (const v of manifest.contributes.yamlValidation) {
			for (const p of v.fileMatch) assert.doesNotMatch(p, /(?:^|\/)rules\/\*/, p);
		}
	});

	it('newsproof init points at the schema by a relative path only when the installation is inside the folder', () => {
		assert.equal(schemaModeline(dirname(root), 'config.schema.json'), `# yaml-language-server: $schema=./${basename(root)}/rules/schema/config.schema.json\n`);
		assert.equal(schemaModeline(root, 'config.schema.json'), '# yaml-language-server: $schema=./rules/schema/config.schema.json\n');
		// A folder beside the installation (wherever the checkout lies, under the temporary folder too).
		assert.equal(schemaModeline(`${root}-other`, 'config.schema.json'), '');
		assert.equal(schemaModeline(join(root, 'docs'), 'config.schema.json'), '');
	});
});
