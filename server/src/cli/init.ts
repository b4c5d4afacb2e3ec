import { statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigExistsError, writeStarterConfig } from '../io/starterConfig';

// `newsproof init [FOLDER]`: a commented starter .newsproofrc.yaml in the folder (default:
// the current one). An existing config file is left as it is, with exit status 2.

export function initCommand(args: string[]): number {
	const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
	if (positionals.length > 1) {
		process.stderr.write('newsproof: init 只接受一个目录\n');
		return 2;
	}
	const folder = resolve(positionals[0] ?? '.');
	let isFolder = false;
	try {
		isFolder = statSync(folder).isDirectory();
	} catch {
		// Reported below.
	}
	if (!isFolder) {
		process.stderr.write(`newsproof: ${positionals[0]} 不是已有的目录\n`);
		return 2;
	}
	try {
		const file = writeStarterConfig(folder);
		process.stdout.write(`已创建 ${relative(process.cwd(), file) || file}：各项均已注释，去掉行首的“# ”即启用\n`);
		return 0;
	} catch (err) {
		process.stderr.write(`newsproof: ${(err as Error).message}${err instanceof ConfigExistsError ? '（请直接编辑它）' : ''}\n`);
		return 2;
	}
}
