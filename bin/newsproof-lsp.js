#!/usr/bin/env node
'use strict';
try {
	require.resolve('../dist/server.js');
} catch (err) {
	process.stderr.write('newsproof-lsp: 未找到 dist/server.js，请先运行 npm run build\n');
	process.exit(2);
}
require('../dist/server.js');
