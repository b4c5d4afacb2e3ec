import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type JobOptions, runJob } from '../../server/src/cli/job';
import { Engine } from '../../server/src/engine';
import { readWordDraft } from '../../server/src/io/word';
import { docxOfText } from '../../test/helpers/docx';
import { median, runMeasured } from './util';

// What reading Word documents costs: the sample page saved as .docx (one paragraph per line,
// runs split where an editor's sessions and scripts split them, with Word's run properties
// and revision ids) against the same text as .txt, one file in this process and a folder
// of 200 through the CLI. Target: reading adds no more than 50 % to the lint time.

export interface WordRow {
	measure: string;
	value: string;
	target?: string;
	pass?: boolean;
	note?: string;
}

const options: JobOptions = { maxFindings: 1000, fix: 'none', filter: { rules: [], categories: [], quiet: false }, keepSource: false };

/** CPU milliseconds per call of `f`, median of `passes` passes of `n` calls, after a warm-up pass. */
function cpuPerCall(f: () => void, n: number, passes: number): number {
	const pass = () => {
		const started = process.cpuUsage();
		for (let i = 0; i < n; i++) f();
		const used = process.cpuUsage(started);
		return (used.user + used.system) / 1000 / n;
	};
	pass();
	return median(Array.from({ length: passes }, pass));
}

export async function wordBench(root: string, work: string, sample: string, runs: number, quick: boolean): Promise<{ rows: WordRow[]; raw: object }> {
	const dir = join(work, 'word');
	mkdirSync(dir, { recursive: true });
	const text = sample.replace(/\n$/, '');
	const docx = docxOfText(text);
	const txtPath = join(dir, 'page.txt');
	const docxPath = join(dir, 'page.docx');
	writeFileSync(txtPath, text + '\n');
	writeFileSync(docxPath, docx);
	const xmlBytes = readWordDraft(docx).parts[0].bytes.length;

	const n = quick ? 20 : 50;
	const engine = new Engine({ batch: true });
	const txtMs = cpuPerCall(() => runJob(engine, txtPath, 'page.txt', options), n, runs);
	const docxMs = cpuPerCall(() => runJob(engine, docxPath, 'page.docx', options), n, runs);
	const readMs = cpuPerCall(() => readWordDraft(docxPath), n * 4, runs);
	const overhead = (docxMs / txtMs - 1) * 100;

	// 200 files of each kind, through the CLI as a desk runs it.
	const folders = { txt: join(dir, 'txt200'), docx: join(dir, 'docx200') };
	mkdirSync(folders.txt);
	mkdirSync(folders.docx);
	for (let i = 0; i < 200; i++) {
		writeFileSync(join(folders.txt, `page${i}.txt`), text + '\n');
		writeFileSync(join(folders.docx, `page${i}.docx`), docx);
	}
	const cli = async (folder: string) => {
		const times: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < (quick ? 1 : 3); i++) {
			const run = await runMeasured(
				process.execPath,
				[join(root, 'bin', 'newsproof.js'), 'lint', '--threads', '1', '-f', 'json', '-o', join(work, 'word-out.json'), folder],
				600000,
			);
			if (run.code !== 0 && run.code !== 1) throw new Error(`CLI failed on ${folder}: ${run.stderr.slice(0, 2000)}`);
			times.push(run.ms);
			cpu.push(run.cpuMs ?? NaN);
		}
		return { ms: median(times), cpuMs: median(cpu) };
	};
	const folderTxt = await cli(folders.txt);
	const folderDocx = await cli(folders.docx);
	const folderOverhead = (folderDocx.ms / folderTxt.ms - 1) * 100;
	const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
	return {
		rows: [
			{
				measure: 'sample page: .docx against .txt, read and lint one file (CPU)',
				value: `${docxMs.toFixed(2)} ms against ${txtMs.toFixed(2)} ms, +${overhead.toFixed(0)} %`,
				target: '≤ +50 %',
				pass: overhead <= 50,
				note: `reading alone ${readMs.toFixed(2)} ms (unzip, parse ${kb(xmlBytes)} of document.xml, map the runs); .docx ${kb(docx.length)}`,
			},
			{
				measure: 'folder of 200 sample pages: .docx against .txt, CLI wall time',
				value: `${(folderDocx.ms / 1000).toFixed(2)} s against ${(folderTxt.ms / 1000).toFixed(2)} s, +${folderOverhead.toFixed(0)} %`,
				target: '≤ +50 %',
				pass: folderOverhead <= 50,
				note: `CPU ${(folderDocx.cpuMs / 1000).toFixed(2)} s against ${(folderTxt.cpuMs / 1000).toFixed(2)} s, +${((folderDocx.cpuMs / folderTxt.cpuMs - 1) * 100).toFixed(0)} % (wall time counts other jobs on a shared machine; CPU does not)`,
			},
		],
		raw: { txtMs, docxMs, readMs, xmlBytes, docxBytes: docx.length, folderTxt, folderDocx },
	};
}
