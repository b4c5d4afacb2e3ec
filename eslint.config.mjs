// typescript-eslint's recommended rules over the code (not the bundles or data).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'server/wasm/**'] },
	js.configs.recommended,
	...tseslint.configs.recommended,
	{
		languageOptions: { globals: { ...globals.node } },
		rules: {
			// Unused arguments keep a kind's or a handler's signature readable; a leading _ marks them.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
			// Libraries needed only on first use are required lazily (dist/vendor), so that a start reads less.
			'@typescript-eslint/no-require-imports': 'off',
			// Terminal escaping and binary detection match control characters on purpose.
			'no-control-regex': 'off',
			// Chinese text holds ideographic spaces (U+3000) in strings, patterns and comments on purpose.
			'no-irregular-whitespace': ['error', { skipStrings: true, skipRegExps: true, skipTemplates: true, skipComments: true }],
		},
	},
	{
		// CommonJS scripts (the workbench driver, bin shims) use require by design.
		files: ['**/*.cjs', 'bin/**/*.js'],
		rules: { '@typescript-eslint/no-require-imports': 'off' },
	},
	{
		// Declarations of the WebAssembly globals follow lib.dom's shape.
		files: ['**/*.d.ts'],
		rules: { 'no-var': 'off', '@typescript-eslint/no-empty-object-type': 'off' },
	},
	{
		// Workbench drivers: code passed to page.evaluate runs in the browser.
		files: ['test/e2e/*.cjs'],
		languageOptions: { globals: { ...globals.node, ...globals.browser } },
	},
	{
		files: ['test/e2e/suite/**', 'client/**'],
		languageOptions: { globals: { ...globals.node, ...globals.mocha } },
	},
);
