import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, relative } from 'node:path';
import {
	defaultExtensions,
	findConfigFiles,
	type LanguageModel,
	OverlayBuilder,
	type OverlayInfo,
	readConfigFile,
	readModelFile,
	readShared,
	wordExtensions,
} from '../engine';
import { readDraft } from './readDraft';
import { collectDrafts } from './walk';
import { defaultWordLimits, readWordDraft, WordError } from './word';

// A paper's archive folded into the overlay of the language model at `output` (`newsproof
// lm add`, and the editor's command of the same name): the 3- and 4-grams it uses at least
// twice. The archive is what the paper keeps, text drafts and Word documents (a document's
// paragraphs, one a line). The folders the overlay was counted from before, those that
// still exist, come first, so that each run adds folders to those; files are read one by
// one (binary files, broken encodings and documents that cannot be read are skipped with
// the reason), and the file is written whole under a temporary name, then renamed.

export interface ArchiveEvents {
	/** Something skipped, with the reason: a file that cannot be read, a folder that is gone, an unusable old overlay. */
	note(message: string, path?: string): void;
	/** After each file. */
	progress?(done: number, total: number): void;
	/** Lets the caller's other work run between files (the language server's). */
	pause?(): Promise<void>;
}

export interface ArchiveResult {
	folders: string[];
	counted: number;
	skipped: number;
	info: OverlayInfo;
	bytes: number;
}

/** The folders an overlay file was counted from, or none when there is no usable one. */
function foldersOf(output: string, events: ArchiveEvents): string[] {
	if (!existsSync(output)) return [];
	try {
		const { header } = readModelFile(readShared(output, false));
		return ((header.info as unknown as OverlayInfo).folders ?? []).filter((f) => {
			if (existsSync(f)) return true;
			events.note(`原增补文件中的目录 ${f} 已不存在，不再统计`);
			return false;
		});
	} catch (e) {
		events.note(`${output} 不是可用的增补文件（${(e as Error).message}），将重新生成`);
		return [];
	}
}

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

/** Counts the archive's folders (absolute, existing) into the overlay at `output`, folding in the folders it had. */
export async function writeArchiveOverlay(model: LanguageModel, output: string, folders: string[], events: ArchiveEvents): Promise<ArchiveResult> {
	const all = [...new Set([...foldersOf(output, events), ...folders])];
	const { files } = collectDrafts(all, [...defaultExtensions, ...wordExtensions]);
	// File by file: the archive is counted as it is read, never held whole.
	const builder = new OverlayBuilder(model);
	let counted = 0;
	let skipped = 0;
	for (let i = 0; i < files.length; i++) {
		const read = archiveText(files[i]);
		if (read.text === undefined) {
			skipped++;
			events.note(read.skipped ?? '', files[i]);
		} else {
			builder.add(read.text);
			counted++;
		}
		events.progress?.(i + 1, files.length);
		if (events.pause) await events.pause();
	}
	const { data, info } = builder.finish({ folders: all, files: counted });
	mkdirSync(dirname(output), { recursive: true });
	const temporary = `${output}.${process.pid}.tmp`;
	writeFileSync(temporary, data);
	renameSync(temporary, output);
	return { folders: all, counted, skipped, info, bytes: data.length };
}

/**
 * What the desk does next, said from the folder `from`: nothing when the config that applies
 * there names the overlay already (it is used from the next check on), else the line to add,
 * with the path as that config file reads it.
 */
export function overlayHint(output: string, from: string): string {
	const config = findConfigFiles(from)[0];
	if (!config) return `用 newsproof init 建立配置文件，再在其中加入 lmOverlay: [${toPosix(relative(from, output))}] 即可使用`;
	const shown = relative(from, config) || config;
	// Named, even if the config is unusable for another reason (it names the overlay before it exists).
	if ((readConfigFile(config).named ?? []).includes(output)) return `${shown} 已列出此增补文件，下次检查即用上`;
	return `在 ${shown} 中加入 lmOverlay: [${toPosix(relative(dirname(config), output))}] 即可使用（路径相对于配置文件）`;
}

const toPosix = (path: string) => path.split('\\').join('/');
