// Bundles the in-workbench test suite (test/e2e/suite) into dist/e2e/, the folder passed to
// the workbench as extensionTestsPath. mocha and vscode come from the host at run time.
import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
await esbuild.build({
	absWorkingDir: root,
	entryPoints: ['test/e2e/suite/index.ts', 'test/e2e/suite/extension.test.ts'],
	outdir: 'dist/e2e',
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	sourcemap: true,
	external: ['vscode', 'mocha'],
	logLevel: 'warning',
});
