import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRuleFiles, builtinRulesDir, LintCaches, lintModel, loadRuleset, ModelHolder, parseDraft, Segmenter } from '../server/src/engine';
import { Automaton } from '../server/src/engine/automaton';
import { dictionaryChild, dictionaryStudy } from './bench/dictionary';
import { coldStart, editLatency, memoryAfterOpening, summarize } from './bench/lsp';
import { peerAvailable, peers, peerVersion, timePeer } from './bench/peers';
import { regexBench } from './bench/regex';
import { mb, median, runMeasured } from './bench/util';
import { wordBench } from './bench/word';

// npm run bench [-- --runs N] [-- --quick] [-- --json FILE] [-- --no-peers] [-- --dictionary]
// --quick: one CLI run per input, two cold starts, peers stopped after 120 s.
// One table, every row measured in this run: engine throughput, CLI wall time and peak
// memory on a ~20 MB folder and on a 1 MB single-block file, the language server's cold
// start, edit latency and memory, and AutoCorrect and zhlint on the same inputs.

const childAt = process.argv.indexOf('--dictionary-child');
if (childAt >= 0) {
	const [dict, sample, out] = process.argv.slice(childAt + 1);
	dictionaryChild(join(builtinRulesDir(), '..'), dict, sample, out);
	process.exit(0);
}

const { values } = parseArgs({
	options: {
		dictionary: { type: 'boolean', default: false },
		runs: { type: 'string', default: '5' },
		quick: { type: 'boolean', default: false },
		json: { type: 'string' },
		'no-peers': { type: 'boolean', default: false },
		sections: { type: 'string', default: 'engine,regex,cli,word,lsp,peers' },
	},
});
const runs = Math.max(1, Number(values.runs));
const want = (section: string) => values.sections!.split(',').includes(section);
const quick = values.quick;

const root = join(builtinRulesDir(), '..');
const corpusDir = process.env.NEWSPROOF_CORPUS ?? join(root, '..', 'shared', 'corpus');
const samplePath = join(root, 'seeds', '000_0d5ab8225625b065.txt');
const sample = readFileSync(samplePath, 'utf8');
const work = mkdtempSync(join(tmpdir(), 'newsproof-bench-'));

interface Row {
	section: string;
	measure: string;
	value: string;
	target?: string;
	pass?: boolean;
	note?: string;
}
const rows: Row[] = [];
const raw: Record<string, unknown> = {};
const log = (line: string) => process.stderr.write(line + '\n');

async function main(): Promise<void> {
	const loadStart = loadavg()[0];

	// Inputs -------------------------------------------------------------------------------

	/** Every .txt file under a folder, in a stable order. */
	function listTexts(dir: string): string[] {
		const out: string[] = [];
		for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
			const path = join(dir, entry.name);
			if (entry.isDirectory()) out.push(...listTexts(path));
			else if (entry.name.endsWith('.txt')) out.push(path);
		}
		return out;
	}

	/** The shared corpus, or text made from the seed pages when the corpus is absent. */
	function corpusFiles(): { dir: string; files: string[]; generated: boolean } {
		if (existsSync(corpusDir)) {
			const files = listTexts(corpusDir);
			if (files.length) return { dir: corpusDir, files, generated: false };
		}
		const dir = join(work, 'generated');
		cpSync(join(root, 'seeds'), dir, { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.txt') });
		const seeds = readdirSync(dir).filter((f) => f.endsWith('.txt'));
		const files: string[] = [];
		// About 4 MB: each seed page many times, each copy a file of its own.
		for (let i = 0; files.length * sample.length * 3 < 4e6; i++) {
			for (const s of seeds) {
				const path = join(dir, `${i}_${s}`);
				writeFileSync(path, readFileSync(join(dir, s), 'utf8'));
				files.push(path);
			}
		}
		return { dir, files, generated: true };
	}

	const corpus = corpusFiles();
	const texts = corpus.files.map((f) => readFileSync(f, 'utf8'));
	const corpusBytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
	log(`corpus: ${corpus.files.length} files, ${mb(corpusBytes).toFixed(2)} MB${corpus.generated ? ' (generated from seeds/)' : ''}`);

	if (values.dictionary) {
		// Every fourth article, one paragraph per line, segmented with each dictionary size.
		const paragraphs = texts
			.filter((_, i) => i % 4 === 0)
			.flatMap((t) =>
				t
					.split(/\n+/)
					.map((l) => l.trim())
					.filter(Boolean),
			);
		const study = dictionaryStudy(root, __filename, work, paragraphs, [20000, 40000, 60000, 100000, 150000, 250000]);
		const chars = paragraphs.reduce((n, p) => n + p.length, 0);
		console.log(
			`jieba dictionary size against the full dictionary (${study.length ? 349046 : 0} words), ${paragraphs.length} corpus paragraphs, ${chars} characters\n`,
		);
		console.log('| words kept | load | resident memory | segmenting the sample | boundary F1 vs full | paragraphs cut identically |');
		console.log('|---|---|---|---|---|---|');
		for (const r of study) {
			console.log(
				`| ${r.words} | ${r.loadMs.toFixed(0)} ms | ${mb(r.rss).toFixed(0)} MB | ${(r.cutMs / 1000).toFixed(2)} s | ${(r.f1 * 100).toFixed(2)} % | ${(r.same * 100).toFixed(1)} % |`,
			);
		}
		rmSync(work, { recursive: true, force: true });
		return;
	}

	// The folder: the corpus copied until it holds about 20 MB.
	const copies = Math.max(1, Math.round(20e6 / corpusBytes));
	const folder = join(work, 'folder');
	for (let i = 0; i < copies; i++) {
		cpSync(corpus.dir, join(folder, `copy${i}`), { recursive: true, filter: (src) => statSync(src).isDirectory() || src.endsWith('.txt') });
	}
	const folderBytes = corpusBytes * copies;

	// One 1 MB block: the corpus text rewrapped into 24-character column lines with no blank
	// line anywhere, as an OCR page without paragraph gaps arrives.
	function singleBlock(bytes: number): string {
		const flat = texts.join('').replace(/\s+/g, '');
		const lines: string[] = [];
		let size = 0;
		for (let i = 0; size < bytes; i += 24) {
			const line = flat.slice(i % flat.length, (i % flat.length) + 24);
			lines.push(line);
			size += Buffer.byteLength(line) + 1;
		}
		return lines.join('\n') + '\n';
	}
	const blockText = singleBlock(1e6);
	const blockPath = join(work, 'single-block.txt');
	writeFileSync(blockPath, blockText);
	const blockBytes = Buffer.byteLength(blockText);
	const corpusList = join(work, 'corpus.json');
	writeFileSync(corpusList, JSON.stringify(corpus.files));
	const blockList = join(work, 'block.json');
	writeFileSync(blockList, JSON.stringify([blockPath]));

	const mbps = (bytes: number, ms: number) => mb(bytes) / (ms / 1000);

	// 1. Engine throughput ------------------------------------------------------------------

	const ruleset = loadRuleset(builtinRuleFiles());
	const segmenter = new Segmenter();
	segmenter.addWords(ruleset.words);
	const rssBeforeDict = process.memoryUsage().rss;
	const dictStarted = process.hrtime.bigint();
	const dictCpuStarted = process.cpuUsage();
	segmenter.load();
	const dictMs = Number(process.hrtime.bigint() - dictStarted) / 1e6;
	const dictCpu = process.cpuUsage(dictCpuStarted);
	const dictRss = process.memoryUsage().rss - rssBeforeDict;
	if (segmenter.error) log(`segmenter unavailable: ${segmenter.error.message}`);
	// The language model (TYP-900), loaded before the timed passes as the CLI loads it before linting.
	const languageModel = new ModelHolder();
	const rssBeforeModel = process.memoryUsage().rss;
	const modelCpuStarted = process.cpuUsage();
	languageModel.get();
	const modelCpu = process.cpuUsage(modelCpuStarted);
	const modelRss = process.memoryUsage().rss - rssBeforeModel;
	if (languageModel.error) log(languageModel.error.message);

	/** Engine caches are emptied before each timed pass, so that no pass reuses another's work. */
	let caches = new LintCaches();
	function resetCaches(): void {
		caches = new LintCaches();
		segmenter.clearCache();
	}

	/** Milliseconds to lint all the texts once: parse, every rule, segmentation where rules ask. */
	/** Wall and CPU milliseconds of one pass (CPU time is steadier on a machine others share). */
	interface Timing {
		wall: number;
		cpu: number;
	}

	function engineOnce(inputs: string[], segmentAll: boolean): Timing {
		resetCaches();
		const started = process.hrtime.bigint();
		const cpu = process.cpuUsage();
		for (const text of inputs) {
			const model = parseDraft(text);
			if (segmentAll) {
				for (const p of model.paragraphs) void segmenter.words(p.text)?.words;
			}
			// The batch path, as the CLI runs it: no paragraph results kept for a next lint.
			lintModel(model, { ruleset, segmenter, caches, reuse: false, ruleOptions: { model: languageModel } });
		}
		const used = process.cpuUsage(cpu);
		return { wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: (used.user + used.system) / 1000 };
	}

	function engineMedian(inputs: string[], segmentAll: boolean, n: number): Timing {
		log(`engine: ${inputs.length} texts${segmentAll ? ', every paragraph segmented' : ''}`);
		engineOnce(inputs, segmentAll); // warm-up
		const passes = Array.from({ length: n }, () => engineOnce(inputs, segmentAll));
		return { wall: median(passes.map((p) => p.wall)), cpu: median(passes.map((p) => p.cpu)) };
	}

	/** Segmentation alone: every paragraph of every text cut into words, no rules. */
	function segmentOnce(paragraphs: string[]): Timing {
		segmenter.clearCache();
		const started = process.hrtime.bigint();
		const cpu = process.cpuUsage();
		for (const p of paragraphs) void segmenter.words(p)?.words;
		const used = process.cpuUsage(cpu);
		return { wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: (used.user + used.system) / 1000 };
	}
	const allParagraphs = texts.flatMap((t) => parseDraft(t).paragraphs.map((p) => p.text));
	log(`segmentation: ${allParagraphs.length} paragraphs`);
	segmentOnce(allParagraphs); // warm-up
	const segmentPasses = Array.from({ length: runs }, () => segmentOnce(allParagraphs));
	const segmentT = { wall: median(segmentPasses.map((p) => p.wall)), cpu: median(segmentPasses.map((p) => p.cpu)) };

	const engineT = engineMedian(texts, false, runs);
	const engineSegT = engineMedian(texts, true, runs);
	const engineBlockT = engineMedian([blockText], false, Math.min(runs, 3));
	const engineBlockSegT = engineMedian([blockText], true, Math.min(runs, 3));
	// Rates and peer ratios use CPU time; the wall time is shown beside it.
	const engineMs = engineT.cpu;
	const engineSegMs = engineSegT.cpu;
	const engineBlockMs = engineBlockT.cpu;
	const engineBlockSegMs = engineBlockSegT.cpu;
	const wallNote = (t: Timing, bytes: number) => `wall ${(t.wall / 1000).toFixed(2)} s = ${mbps(bytes, t.wall).toFixed(1)} MB/s`;
	const corpusNote = `${corpus.files.length} files, ${mb(corpusBytes).toFixed(2)} MB${corpus.generated ? ', generated from seeds/' : ''}`;
	rows.push(
		{
			section: 'engine',
			measure: 'throughput, whole rule set (words where rules ask)',
			value: `${mbps(corpusBytes, engineMs).toFixed(1)} MB/s`,
			target: '≥ 5 MB/s',
			pass: mbps(corpusBytes, engineMs) >= 5,
			note: `${corpusNote}; ${wallNote(engineT, corpusBytes)}`,
		},
		{
			section: 'engine',
			measure: 'throughput, every paragraph segmented too',
			value: `${mbps(corpusBytes, engineSegMs).toFixed(1)} MB/s`,
			target: '≥ 5 MB/s',
			pass: mbps(corpusBytes, engineSegMs) >= 5,
			note: `worst case as word rules grow; ${wallNote(engineSegT, corpusBytes)}`,
		},
		{
			section: 'engine',
			measure: '1 MB single block, whole rule set',
			value: `${mbps(blockBytes, engineBlockMs).toFixed(1)} MB/s`,
			target: '≥ corpus rate',
			pass: mbps(blockBytes, engineBlockMs) >= mbps(corpusBytes, engineMs) * 0.8,
			note: wallNote(engineBlockT, blockBytes),
		},
		{
			section: 'engine',
			measure: '1 MB single block, every paragraph segmented',
			value: `${mbps(blockBytes, engineBlockSegMs).toFixed(1)} MB/s`,
			note: wallNote(engineBlockSegT, blockBytes),
		},
		{
			section: 'engine',
			measure: 'segmentation alone, every paragraph (no rules)',
			value: `${mbps(corpusBytes, segmentT.cpu).toFixed(1)} MB/s`,
			note: `${allParagraphs.length} paragraphs; ${wallNote(segmentT, corpusBytes)}`,
		},
		{
			section: 'engine',
			measure: 'dictionary load (trimmed jieba)',
			value: `${dictMs.toFixed(0)} ms, +${mb(dictRss).toFixed(0)} MB RSS`,
			note: `CPU ${((dictCpu.user + dictCpu.system) / 1000).toFixed(0)} ms`,
		},
		{
			section: 'engine',
			measure: 'language model load (TYP-900)',
			value: `${languageModel.loadMs} ms, +${mb(modelRss).toFixed(0)} MB RSS`,
			target: '≤ 60 MB',
			pass: modelRss <= 60e6,
			note: `CPU ${((modelCpu.user + modelCpu.system) / 1000).toFixed(0)} ms; the engine rows run TYP-900`,
		},
	);
	// The term automaton alone, with the rule set's terms and with 5,000 more (dictionary words).
	const automatonRate = (extra: string[]): number => {
		const a = new Automaton<number>();
		let terms = 0;
		for (const rule of ruleset.rules) {
			for (const t of rule.terms ?? []) {
				a.add(t, 0);
				terms++;
			}
		}
		for (const t of extra) a.add(t, 1);
		a.search('');
		const started = process.cpuUsage();
		let found = 0;
		for (const t of texts) found += a.search(t).length;
		const used = process.cpuUsage(started);
		raw[`automaton${extra.length}`] = { terms: terms + extra.length, found };
		return mbps(corpusBytes, (used.user + used.system) / 1000);
	};
	const dictFile = join(root, 'dist', 'dict', 'jieba.dict.utf8');
	const extraTerms = existsSync(dictFile)
		? readFileSync(dictFile, 'utf8')
				.split('\n')
				.map((l) => l.split(' ')[0])
				.filter((w) => w.length >= 4)
				.slice(0, 5000)
		: [];
	const ownTerms = ruleset.rules.reduce((n, r) => n + (r.terms?.length ?? 0), 0);
	const plain = automatonRate([]);
	const heavy = automatonRate(extraTerms);
	rows.push({
		section: 'engine',
		measure: `term automaton: ${ownTerms} rule terms / + ${extraTerms.length} more`,
		value: `${plain.toFixed(0)} / ${heavy.toFixed(0)} MB/s`,
		note: 'one pass per paragraph whatever the number of terms',
	});

	raw.engine = { engineT, engineSegT, engineBlockT, engineBlockSegT, dictMs, dictRss, corpusBytes, blockBytes };
	log('engine done');

	// A newsroom's own patterns: loading them, and issue 21's hostile ones on a 40-paragraph draft.
	if (want('regex')) {
		const regex = regexBench(work);
		for (const row of regex.rows) rows.push({ section: 'regex', ...row });
		raw.regex = regex.raw;
		log('regex done');
	}

	// 2. CLI ---------------------------------------------------------------------------------

	async function cli(target: string, n: number): Promise<{ ms: number; cpuMs: number; peak: number }> {
		const times: number[] = [];
		const cpus: number[] = [];
		const peaks: number[] = [];
		for (let i = 0; i < n; i++) {
			const run = await runMeasured(process.execPath, [join(root, 'bin', 'newsproof.js'), 'lint', '-f', 'json', '-o', join(work, 'out.json'), target], 600000);
			// 1 means findings; 2 also when a rule or config file has problems, which the run reports and survives.
			if (run.code !== 0 && run.code !== 1 && !(run.code === 2 && existsSync(join(work, 'out.json')))) {
				throw new Error(`CLI failed on ${target}: ${run.stderr.slice(0, 2000)}`);
			}
			if (run.code === 2) log(`CLI reported config problems on ${target}: ${run.stderr.split('\n')[0]}`);
			rmSync(join(work, 'out.json'), { force: true });
			times.push(run.ms);
			cpus.push(run.cpuMs ?? NaN);
			peaks.push(run.peakBytes ?? NaN);
		}
		return { ms: median(times), cpuMs: median(cpus), peak: Math.max(...peaks) };
	}

	let ourCliMs = NaN;
	if (want('cli')) {
		const cliRuns = quick ? 1 : 3;
		const cliFolder = await cli(folder, cliRuns);
		const cliBlock = await cli(blockPath, cliRuns);
		const folderRate = mbps(folderBytes, cliFolder.ms);
		rows.push(
			{
				section: 'CLI',
				measure: `folder, ${mb(folderBytes).toFixed(1)} MB (corpus × ${copies})`,
				value: `${(cliFolder.ms / 1000).toFixed(2)} s, ${folderRate.toFixed(1)} MB/s`,
				target: '≥ 5 MB/s',
				pass: folderRate >= 5,
				note: `peak ${mb(cliFolder.peak).toFixed(0)} MB; CPU ${(cliFolder.cpuMs / 1000).toFixed(2)} s`,
			},
			{
				section: 'CLI',
				measure: '1 MB single-block file',
				value: `${(cliBlock.ms / 1000).toFixed(2)} s, ${(cliBlock.ms / mb(blockBytes) / 1000).toFixed(2)} s/MB`,
				target: '≤ folder s/MB + start-up',
				pass: cliBlock.ms / mb(blockBytes) <= (cliFolder.ms / mb(folderBytes)) * 1.1 + 1000,
				note: `peak ${mb(cliBlock.peak).toFixed(0)} MB; CPU ${(cliBlock.cpuMs / 1000).toFixed(2)} s; folder ${(cliFolder.ms / mb(folderBytes) / 1000).toFixed(2)} s/MB`,
			},
		);
		raw.cli = { cliFolder, cliBlock, folderBytes };
		ourCliMs = cliFolder.ms;
		log('CLI done');
	}

	// Word documents ---------------------------------------------------------------------

	if (want('word')) {
		const word = await wordBench(root, work, sample, runs, quick);
		for (const row of word.rows) rows.push({ section: 'Word', ...row });
		raw.word = word.raw;
		log('Word done');
	}

	// 3. Language server ------------------------------------------------------------------

	if (want('lsp')) {
		const { first, times: cold } = await coldStart(root, samplePath, sample, quick ? 2 : runs);
		rows.push({
			section: 'LSP',
			measure: 'cold start to first diagnostics (sample page)',
			value: `${median(cold).toFixed(0)} ms`,
			target: '< 300 ms',
			pass: median(cold) < 300,
			note: `median of ${cold.length} spawns; the first start after a build or an install, before V8's code cache is written: ${first.toFixed(0)} ms`,
		});

		function article(chars: number): string {
			// Whole corpus articles, in order, until the draft holds the characters wanted.
			let text = '';
			for (const t of texts) {
				if (text.length >= chars) break;
				text += t.trim() + '\n\n';
			}
			return text.slice(0, chars);
		}
		const edit = await editLatency(root, article(5000), 200);
		const lat = summarize(edit.latencies);
		rows.push({
			section: 'LSP',
			measure: `edit to diagnostics, 5,000 chars, ${edit.latencies.length} edits`,
			value: `p50 ${lat.p50.toFixed(1)} / p95 ${lat.p95.toFixed(1)} / p99 ${lat.p99.toFixed(1)} ms`,
			target: 'p95 < 15 ms',
			pass: lat.p95 < 15,
			note: `debounce 0 via workspace settings${edit.dictionary ? '' : '; dictionary not loaded'}`,
		});
		const fifty = corpus.files.slice(0, 50).map((path, i) => ({ path, text: texts[i] }));
		const memory = await memoryAfterOpening(root, fifty);
		rows.push({
			section: 'LSP',
			measure: 'resident memory after opening 50 articles',
			value: `${mb(memory.rss).toFixed(0)} MB`,
			target: '< 150 MB',
			pass: memory.rss < 150e6,
			note: memory.dictionary ? 'dictionary loaded' : 'dictionary not loaded',
		});
		raw.lsp = { cold, coldWithoutCodeCache: first, latencies: edit.latencies, memory };
		log('LSP done');
	}

	// 4. Peers ------------------------------------------------------------------------------

	if (!values['no-peers'] && want('peers')) {
		const timeout = quick ? 120000 : 300000;
		for (const peer of peers) {
			if (!peerAvailable(peer)) {
				rows.push({
					section: 'peers',
					measure: peer.name,
					value: 'skipped',
					note: `not installed: npm install --prefix /tmp/newsproof-bench-peers ${peer.module}`,
				});
				continue;
			}
			const version = peerVersion(peer);
			const onCorpus = await timePeer(peer, corpusList, timeout);
			const onBlock = await timePeer(peer, blockList, timeout);
			const show = (r: { ms?: number; error?: string }, bytes: number, ours: number) =>
				r.error
					? `failed: ${r.error}`
					: r.ms === undefined
						? `> ${timeout / 1000} s wall (stopped)`
						: `${(r.ms / 1000).toFixed(2)} s CPU, ${mbps(bytes, r.ms).toFixed(2)} MB/s, ${(r.ms / ours).toFixed(1)}× our time`;
			rows.push(
				{
					section: 'peers',
					measure: `${peer.name} ${version}, corpus`,
					value: show(onCorpus, corpusBytes, engineMs),
					note: 'in-process, single thread, same files',
				},
				{ section: 'peers', measure: `${peer.name} ${version}, 1 MB single block`, value: show(onBlock, blockBytes, engineBlockMs) },
			);
			raw[peer.name] = { onCorpus, onBlock };
			log(`${peer.name} done`);
		}
		const ac = join(process.env.NEWSPROOF_BENCH_PEERS ?? '/tmp/newsproof-bench-peers', 'node_modules', '.bin', 'autocorrect');
		if (existsSync(ac)) {
			const run = await runMeasured(ac, ['--lint', folder], timeout);
			const v = run.timedOut ? `> ${timeout / 1000} s` : `${(run.ms / 1000).toFixed(2)} s wall, ${(run.ms / ourCliMs).toFixed(1)}× our CLI's wall time`;
			rows.push({
				section: 'peers',
				measure: 'AutoCorrect CLI --lint, same folder',
				value: v,
				note: `peak ${mb(run.peakBytes ?? NaN).toFixed(0)} MB; CPU ${((run.cpuMs ?? NaN) / 1000).toFixed(2)} s; uses all cores`,
			});
		}
	}

	// Table ---------------------------------------------------------------------------------

	rmSync(work, { recursive: true, force: true });
	const header = ['', 'measure', 'value', 'target', 'met', 'note'];
	const lines = rows.map((r) => [r.section, r.measure, r.value, r.target ?? '', r.pass === undefined ? '' : r.pass ? 'yes' : 'NO', r.note ?? '']);
	const out = [
		`newsproof bench — ${new Date().toISOString().slice(0, 16)}Z, node ${process.version}, ${cpus().length} cores, load average ${loadStart.toFixed(1)} at start and ${loadavg()[0].toFixed(1)} at end; engine rows: median of ${runs} passes, rates by CPU time`,
		'',
		`| ${header.join(' | ')} |`,
		`|${header.map(() => '---').join('|')}|`,
		...lines.map((l) => `| ${l.join(' | ')} |`),
	].join('\n');
	console.log(out);
	if (values.json) {
		writeFileSync(values.json, JSON.stringify({ rows, raw }, null, 2));
	}
}

main().catch((err) => {
	console.error(err);
	rmSync(work, { recursive: true, force: true });
	process.exit(1);
});
