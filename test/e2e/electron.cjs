#!/usr/bin/env node
// The same in-workbench suite under desktop VS Code, through @vscode/test-electron (which
// downloads VS Code: use where the network allows; CI uses code-server, see run.sh).
//   npm run test:vscode          VSCODE_VERSION=stable|1.91.0|...
const { cpSync, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { runTests } = require('@vscode/test-electron');

const root = join(__dirname, '..', '..');
(async () => {
	const ws = mkdtempSync(join(tmpdir(), 'newsproof-vscode-'));
	cpSync(join(__dirname, 'workspace'), ws, { recursive: true });
	cpSync(join(root, 'seeds', '000_0d5ab8225625b065.txt'), join(ws, '000_0d5ab8225625b065.txt'));
	try {
		await runTests({
			version: process.env.VSCODE_VERSION || 'stable',
			extensionDevelopmentPath: root,
			extensionTestsPath: join(root, 'dist', 'e2e', 'index.js'),
			launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
		});
	} catch (err) {
		console.error(`newsproof: VS Code tests failed: ${err.message ?? err}`);
		process.exitCode = 1;
	} finally {
		rmSync(ws, { recursive: true, force: true });
	}
})();
