#!/usr/bin/env node
'use strict';
let cli;
try {
	cli = require('../dist/cli.js');
} catch (err) {
	process.stderr.write('newsproof: 未找到 dist/cli.js，请先运行 npm run build\n');
	process.exit(2);
}
if (process.env.NEWSPROOF_V8_DEFAULTS !== '1') cli.tuneForBatch();
cli.main(process.argv.slice(2)).then((code) => {
	process.exitCode = code;
});
