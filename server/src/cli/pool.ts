import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { type Engine, levelOf, type SharedOverlay, shareableJiebaModule, shareableModel, shareableOverlays } from '../engine';
import { failedJob, type JobOptions, type JobResult, runJob, skippedJob } from './job';

// Lints many files on a pool of threads, one per core. Every thread, this one included,
// claims the next few files from one shared counter (Atomics.add), so no thread ever waits
// for another to hand out work. Workers post each batch's results; the main thread collects
// them with receiveMessageOnPort between its own batches and, once the counter has run out,
// sleeps in Atomics.wait until the last ones arrive. Results land at their file's index, so
// the output order is the order of the files whatever the timing.

export interface Task {
	path: string;
	shown: string;
	/** Why the file cannot be linted, known before it is read (a file name that is not UTF-8). */
	skip?: string;
}

/** Called after every finished file (the progress bar). */
export type Progress = (done: number, total: number) => void;

/** dist/cliWorker.js beside the CLI bundle, or one folder up from a bundled test. */
export function workerEntry(): string | undefined {
	for (const dir of [__dirname, join(__dirname, '..'), join(__dirname, '..', '..', 'dist')]) {
		const file = join(dir, 'cliWorker.js');
		if (existsSync(file)) return file;
	}
	return undefined;
}

export function defaultThreads(): number {
	return Math.max(1, Math.min(availableParallelism(), 16));
}

export function runSerial(engine: Engine, tasks: Task[], options: JobOptions, progress?: Progress): JobResult[] {
	return tasks.map((t, i) => {
		let result: JobResult;
		try {
			result = t.skip ? skippedJob(t.shown, t.skip) : runJob(engine, t.path, t.shown, options);
		} catch (err) {
			result = failedJob(t.shown, err);
		}
		progress?.(i + 1, tasks.length);
		return result;
	});
}

/** What a worker gets: the whole list, the shared counters and the batch size. */
export interface PoolWork {
	port: MessagePort;
	/** [0]: the next unclaimed file. */
	shared: Int32Array;
	/** Per batch: 0 unclaimed, else the number (1-based) of the worker that claimed it; -1 for this thread. */
	claims: Int32Array;
	/** This worker's number, 1-based. */
	worker: number;
	tasks: Task[];
	size: number;
	options: JobOptions;
	/** The segmenter's WebAssembly, compiled once here: a worker only instantiates it. */
	segmenter?: { wasm: string; module: WebAssembly.Module };
	/** The language model's buffer, loaded once by the main thread and shared, not copied. */
	model?: SharedArrayBuffer;
	/** The run's language-model overlays (config lmOverlay), read once by the main thread and shared. */
	overlays?: SharedOverlay[];
}

/**
 * Runs the batches a thread is given or claims until none is left; `done` receives each
 * batch with its first index. A worker's first batch is assigned when it is made (batch
 * number worker - 1), so that every worker holds work from its start; the rest are claimed.
 */
export function claimBatches(
	work: Pick<PoolWork, 'shared' | 'claims' | 'tasks' | 'size' | 'options'>,
	claimant: number,
	done: (start: number, results: JobResult[]) => void,
	run: (batch: Task[], options: JobOptions) => JobResult[],
): void {
	const { shared, claims, tasks, size, options } = work;
	const batch = (start: number) => done(start, run(tasks.slice(start, start + size), options));
	if (claimant > 0) batch((claimant - 1) * size);
	for (;;) {
		const start = Atomics.add(shared, 0, size);
		if (start >= tasks.length) return;
		Atomics.store(claims, start / size, claimant);
		batch(start);
	}
}

/**
 * The overlays of the config the run's first file is linted with, when a rule of that config
 * reads them (an lm-typo rule that is on), read once for the threads to share. A file under
 * another config that names other overlays has its thread read those itself.
 */
function runOverlays(engine: Engine, tasks: Task[], options: JobOptions): SharedOverlay[] {
	const first = tasks.find((t) => !t.skip);
	if (!first) return [];
	const config = engine.configFor(first.path, { configFile: options.configFile });
	if (!config.lmOverlay.length) return [];
	const ruleset = engine.rulesFor(config);
	const reads = [...ruleset.byId.values()].some((r) => r.meta.kind === 'lm-typo' && levelOf(r.meta.id, r.meta.category, r.meta.severity, config) !== 'off');
	return reads ? shareableOverlays(config.lmOverlay) : [];
}

/**
 * Lints on `threads` threads: this one and `threads - 1` workers. The main thread lints
 * batches too (a worker's start-up, the dictionary and the rules, costs as much as a
 * thousand short drafts, so a thread that only waited would waste a core). A worker that
 * dies (out of memory, a crash) is noticed by its exit: the files of the batch it held are
 * reported as not checked, with the reason, and the others go on.
 */
export async function runPool(engine: Engine, tasks: Task[], options: JobOptions, threads: number, progress?: Progress): Promise<JobResult[]> {
	const entry = workerEntry();
	if (!entry || threads < 2 || tasks.length < 2) {
		return runSerial(engine, tasks, options, progress);
	}
	const shared = new Int32Array(new SharedArrayBuffer(4));
	const results: (JobResult | undefined)[] = new Array(tasks.length);
	// Small batches keep the threads evenly busy at the end; batches of several files save messages.
	const size = Math.max(1, Math.min(16, Math.floor(tasks.length / (threads * 16))));
	const claims = new Int32Array(new SharedArrayBuffer(4 * Math.ceil(tasks.length / size)));
	let done = 0;
	const store = (start: number, batch: JobResult[]) => {
		batch.forEach((r, k) => {
			if (!results[start + k]) done++;
			results[start + k] = r;
		});
		progress?.(done, tasks.length);
	};
	const ports: MessagePort[] = [];
	const collect = () => {
		for (const port of ports) {
			for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
				const { start, results: batch } = m.message as { start: number; results: JobResult[] };
				store(start, batch);
			}
		}
	};
	/** The files of the batches a dead worker claimed and never posted. */
	const failHeld = (worker: number, reason: string) => {
		collect();
		for (let b = 0; b < claims.length; b++) {
			if (Atomics.load(claims, b) !== worker) continue;
			const start = b * size;
			const lost = tasks.slice(start, start + size).map((t, k) => results[start + k] ?? failedJob(t.shown, new Error(reason)));
			store(start, lost);
		}
	};
	let finish: () => void = () => undefined;
	const finished = new Promise<void>((resolve) => (finish = resolve));
	const settle = () => {
		collect();
		if (done >= tasks.length) finish();
	};
	const workers: Worker[] = [];
	const segmenter = shareableJiebaModule();
	const model = shareableModel();
	const overlays = model ? runOverlays(engine, tasks, options) : [];
	const workerCount = Math.min(threads - 1, Math.ceil(tasks.length / size) - 1);
	// Each worker's first batch is its own from the start; the counter begins after them.
	Atomics.store(shared, 0, workerCount * size);
	for (let i = 0; i < workerCount; i++) {
		const channel = new MessageChannel();
		const number = i + 1;
		Atomics.store(claims, i, number);
		const work: PoolWork = { port: channel.port2, shared, claims, worker: number, tasks, size, options, segmenter, model, overlays };
		// Kept referenced: its exit event must arrive even when its port has closed first.
		const worker = new Worker(entry, { workerData: work, transferList: [channel.port2] });
		channel.port1.on('message', (m: { start: number; results: JobResult[] }) => {
			store(m.start, m.results);
			settle();
		});
		let failure: string | undefined;
		worker.on('error', (err) => (failure = err.message));
		worker.on('exit', (code) => {
			if (code !== 0 || failure) failHeld(number, `检查该文件的工作线程意外退出（${failure ?? `退出码 ${code}`}）`);
			settle();
		});
		workers.push(worker);
		ports.push(channel.port1);
	}
	claimBatches(
		{ shared, claims, tasks, size, options },
		-1,
		(start, batch) => {
			store(start, batch);
			collect();
		},
		(batch, o) => runSerial(engine, batch, o),
	);
	settle();
	// The rest arrives as messages; a worker that ends without posting its batch is failed above.
	await finished;
	for (const port of ports) port.close();
	for (const worker of workers) void worker.terminate();
	return results.map((r, i) => r ?? failedJob(tasks[i].shown, new Error('未完成')));
}
