import { join } from 'node:path';
import Mocha = require('mocha');

// extensionTestsPath entry point: VS Code (or code-server's extension host) calls run() once
// the workbench is up, and reports a rejection as a failed run.
export function run(): Promise<void> {
	const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
	mocha.addFile(join(__dirname, 'extension.test.js'));
	return new Promise((resolve, reject) => mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed`)) : resolve())));
}
