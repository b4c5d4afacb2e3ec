import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';
import { defaultSettings, normalizeSettings } from '../../server/src/lsp/settings';

// VS Code reads the settings' shape from package.json; the server falls back to settings.ts
// when a client sends nothing. The two must describe the same keys with the same defaults.

const root = join(builtinRulesDir(), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const properties: Record<string, { default: unknown; description?: string; markdownDescription?: string; markdownDeprecationMessage?: string }> =
	pkg.contributes.configuration.properties;
/** Settings the server reads: not the former names kept for old settings files, not the client's trace switch. */
const serverKeys = Object.entries(properties).filter(([k, v]) => !v.markdownDeprecationMessage && k !== 'newsproof.trace.server');

describe('editor settings', () => {
	it('package.json declares exactly the keys of settings.ts, with the same defaults', () => {
		const declared = Object.fromEntries(serverKeys.map(([k, v]) => [k.replace(/^newsproof\./, ''), v.default]));
		assert.deepEqual(declared, { ...defaultSettings });
	});

	it('every setting has a description in English and Chinese', () => {
		const en = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8'));
		const zh = JSON.parse(readFileSync(join(root, 'package.nls.zh-cn.json'), 'utf8'));
		for (const [key, p] of Object.entries(properties)) {
			const ref = /^%(.+)%$/.exec(p.description ?? p.markdownDescription ?? '')?.[1];
			assert.ok(ref, `${key} has a localized description`);
			assert.ok(en[ref] && zh[ref], `${key}: ${ref} in both package.nls files`);
		}
	});

	it('normalizing the declared defaults gives the server defaults; bad values fall back', () => {
		const declared = Object.fromEntries(serverKeys.map(([k, v]) => [k.replace(/^newsproof\./, ''), v.default]));
		assert.deepEqual(normalizeSettings(declared), defaultSettings);
		assert.deepEqual(normalizeSettings({ peopleFiles: ['names.txt'] }).nameFiles, ['names.txt'], 'the former name still works');
		const bad = normalizeSettings({
			run: 'sometimes',
			debounceMs: -1,
			maxFileSizeMB: 'big',
			rules: { 'SPC-001': 'loud', 'TYP-005': 'off' },
			languages: 'markdown',
		});
		assert.equal(bad.run, 'onType');
		assert.equal(bad.debounceMs, defaultSettings.debounceMs);
		assert.equal(bad.maxFileSizeMB, defaultSettings.maxFileSizeMB);
		assert.deepEqual(bad.rules, { 'TYP-005': 'off' });
		assert.deepEqual(bad.languages, defaultSettings.languages);
	});

	it('every runtime string of the client has a Chinese translation', () => {
		const source = readFileSync(join(root, 'client', 'src', 'extension.ts'), 'utf8');
		const keys = [...source.matchAll(/l10n\.t\(\s*'([^']+)'/g)].map((m) => m[1]);
		assert.ok(keys.length >= 4);
		const bundle = JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
		assert.deepEqual(
			keys.filter((k) => !bundle[k]),
			[],
		);
	});
});
