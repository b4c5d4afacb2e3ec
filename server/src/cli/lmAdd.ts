import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultExtensions, findConfigFiles, ModelHolder, OverlayBuilder, type OverlayInfo, readConfigFile, readModelFile, wordExtensions } from '../engine';
import { readDraft } from '../io/readDraft';
import { defaultWordLimits, readWordDraft, WordError } from '../io/word';
import { collectDrafts } from '../io/walk';
import { ProgressBar } from './progress';

// `newsproof lm add <folder>...`: folds a paper's archive into a local overlay of the
// language model (the 3- and 4-grams it uses at least twice). The archive is what the
// paper keeps: text drafts and Word documents (a Word document's paragraphs, one a line).
// The folders an overlay was built from are kept in it, so that each `lm add` adds a folder
// to those before; a folder that is gone is reported and left out. Binary files, broken
// encodings and documents that cannot be read are skipped one by one, with the reason.

export const lmUsage = `用法：
  newsproof lm add [-o FILE] <目录>...   把本报稿件统计进语言模型的本地增补文件
                                          （默认 .newsproof/lm-overlay.lm），再在 .newsproofrc.yaml 中写
                                          lmOverlay: [.newsproof/lm-overlay.lm]`;

export function lmCommand(args: string[], out: (s: string) => void, err: (s: string) => void): number {
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
	// The folders of the overlay already there come first.
	let before: string[] = [];
	if (existsSync(output)) {
		try {
			const bytes = readFileSync(output);
			const { header } = readModelFile(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
			before = ((header.info as unknown as OverlayInfo).folders ?? []).filter((f) => {
				if (existsSync(f)) return true;
				err(`newsproof: 原增补文件中的目录 ${f} 已不存在，不再统计\n`);
				return false;
			});
		} catch (e) {
			err(`newsproof: ${output} 不是可用的增补文件（${(e as Error).message}），将重新生成\n`);
		}
	}
	const all = [...new Set([...before, ...wanted])];
	const { files } = collectDrafts(all, [...defaultExtensions, ...wordExtensions]);
	// File by file: the archive is counted as it is read, never held whole.
	const builder = new OverlayBuilder(model);
	// An archive of years takes a minute or more: a bar on a terminal, as lint has.
	const progress = new ProgressBar(process.stderr, Boolean(process.stderr.isTTY) && !process.env.CI);
	let counted = 0;
	let skipped = 0;
	files.forEach((file, i) => {
		const read = archiveText(file);
		if (read.text === undefined) {
			skipped++;
			progress.clear();
			err(`newsproof: ${relative(process.cwd(), file) || file}: ${read.skipped}\n`);
		} else {
			builder.add(read.text);
			counted++;
		}
		progress.update(i + 1, files.length);
	});
	progress.clear();
	const data = builder.finish({ folders: all, files: counted });
	const { header } = readModelFile(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
	const info = header.info as unknown as OverlayInfo;
	mkdirSync(dirname(output), { recursive: true });
	const temporary = `${output}.${process.pid}.tmp`;
	writeFileSync(temporary, data);
	renameSync(temporary, output);
	out(
		`已写入 ${relative(process.cwd(), output) || output}：${all.length} 个目录，${counted} 个文件（跳过 ${skipped} 个），${info.characters} 字；` +
			`三元组 ${info.kept[0]}、四元组 ${info.kept[1]} 个（出现 2 次以上），${(data.length / 1024).toFixed(0)} KB\n` +
			`${howToUse(output)}\n`,
	);
	return 0;
}

/**
 * What the desk does next: nothing when the config that applies here names the overlay
 * already (it is used from the next check on), else the line to add, with the path as that
 * config file reads it.
 */
function howToUse(output: string): string {
	const config = findConfigFiles(process.cwd())[0];
	if (!config) {
		return `用 newsproof init 建立配置文件，再在其中加入 lmOverlay: [${toPosix(relative(process.cwd(), output))}] 即可使用`;
	}
	const shown = relative(process.cwd(), config) || config;
	if (configNames(config).includes(output)) return `${shown} 已列出此增补文件，下次检查即用上`;
	return `在 ${shown} 中加入 lmOverlay: [${toPosix(relative(dirname(config), output))}] 即可使用（路径相对于配置文件）`;
}

/** The files a config file names (its lists, resolved), even when it is unusable for another reason. */
function configNames(config: string): string[] {
	const read = readConfigFile(config);
	return read.named ?? [];
}

const toPosix = (path: string) => path.split('\\').join('/');

/** The text of one file of the archive, or why it is skipped. */
function archiveText(file: string): { text?: string; skipped?: string } {
	if (wordExtensions.includes(extname(file).toLowerCase())) {
		try {
			return { text: readWordDraft(file, defaultWordLimits()).text };
		} catch (e) {
			if (e instanceof WordError) return { skipped: e.message };
			throw e;
		}
	}
	const draft = readDraft(file);
	return draft.text === undefined ? { skipped: draft.skipped } : { text: draft.text };
}
