import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ModelHolder } from '../engine';
import { overlayHint, writeArchiveOverlay } from '../io/archiveOverlay';
import { ProgressBar } from './progress';

// `newsproof lm add <folder>...`: folds a paper's archive into a local overlay of the
// language model (io/archiveOverlay.ts), with a progress bar on a terminal and, at the end,
// what to write in the config that applies here.

export const lmUsage = `用法：
  newsproof lm add [-o FILE] <目录>...   把本报稿件统计进语言模型的本地增补文件
                                          （默认 .newsproof/lm-overlay.lm），再在 .newsproofrc.yaml 中写
                                          lmOverlay: [.newsproof/lm-overlay.lm]`;

export async function lmCommand(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
	const { values, positionals } = parseArgs({
		args,
		allowPositionals: true,
		options: { output: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
	});
	const [sub, ...folders] = positionals;
	if (values.help || sub !== 'add' || !folders.length) {
		(values.help ? out : err)(lmUsage + '\n');
		return values.help ? 0 : 2;
	}
	const holder = new ModelHolder();
	const model = holder.get();
	if (!model) {
		err(`newsproof: ${holder.error?.message}\n`);
		return 2;
	}
	const output = resolve(values.output ?? '.newsproof/lm-overlay.lm');
	const wanted = folders.map((f) => resolve(f));
	for (const f of wanted) {
		if (!existsSync(f)) {
			err(`newsproof: 找不到 ${f}\n`);
			return 2;
		}
	}
	// An archive of years takes a minute or more: a bar on a terminal, as lint has.
	const progress = new ProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !process.env.CI);
	const run = await writeArchiveOverlay(model, output, wanted, {
		note: (message, path) => {
			progress.clear();
			err(`newsproof: ${path ? `${relative(process.cwd(), path) || path}: ` : ''}${message}\n`);
		},
		progress: progress.update,
	});
	progress.clear();
	const { info } = run;
	out(
		`已写入 ${relative(process.cwd(), output) || output}：${run.folders.length} 个目录，${run.counted} 个文件（跳过 ${run.skipped} 个），${info.characters} 字；` +
			`三元组 ${info.kept[0]}、四元组 ${info.kept[1]} 个（出现 2 次以上），${(run.bytes / 1024).toFixed(0)} KB\n` +
			`${overlayHint(output, process.cwd())}\n`,
	);
	return 0;
}
