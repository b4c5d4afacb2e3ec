import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { sharedModel } from '../engine/lm/loader';
import { failedJob, type JobOptions, type JobResult, runJob } from './job';

// Lints many files on a pool of threads, one per core. Every thread, this one included,
// claims the next few files from one shared counter (Atomics.add), so no thread ever waits
// for another to hand out work. Workers post each batch's results; the main thread collects
// them with receiveMessageOnPort between its own batches and, once the counter has run out,
// sleeps in Atomics.wait until the last ones arrive. Results land at their file's index, so
// the output order is the order of the files whatever the timing.

export interface Task {
	path: string;
	shown: string;
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

export function runSerial(tasks: Task[], options: JobOptions, progress?: Progress): JobResult[] {
	return tasks.map((t, i) => {
		let result: JobResult;
		try {
			result = runJob(t.path, t.shown, options);
		} catch (err) {
			result = failedJob(t.shown, err);
		}
		progress?.(i + 1, tasks.length);
		return result;
	});
}

/** If no worker answers for this long, the rest is linted in the main thread. */
const stallMs = 120_000;

/** What a worker gets: the whole list, the shared counters and the batch size. */
export interface PoolWork {
	port: MessagePort;
	/** [0]: the next unclaimed file; [1]: bumped after every batch a worker posts. */
	shared: Int32Array;
	tasks: Task[];
	size: number;
	options: JobOptions;
	/** The language model's buffer, loaded once by the main thread and shared, not copied. */
	model?: SharedArrayBuffer;
}

/** Claims batches until none is left; `done` receives each batch with its first index. */
export function claimBatches(shared: Int32Array, tasks: Task[], size: number, options: JobOptions, done: (start: number, results: JobResult[]) => void): void {
	for (;;) {
		const start = Atomics.add(shared, 0, size);
		if (start >= tasks.length) return;
		done(start, runSerial(tasks.slice(start, start + size), options));
	}
}

/**
 * Lints on `threads` threads: this one and `threads - 1` workers. The main thread lints
 * batches too (a worker's start-up, the dictionary and the rules, costs as much as a
 * thousand short drafts, so a thread that only waited would waste a core).
 */
export function runPool(tasks: Task[], options: JobOptions, threads: number, progress?: Progress): JobResult[] {
	const entry = workerEntry();
	if (!entry || threads < 2 || tasks.length < 2) {
		return runSerial(tasks, options, progress);
	}
	const shared = new Int32Array(new SharedArrayBuffer(8));
	const results: (JobResult | undefined)[] = new Array(tasks.length);
	// Small batches keep the threads evenly busy at the end; batches of several files save messages.
	const size = Math.max(1, Math.min(16, Math.floor(tasks.length / (threads * 16))));
	const ports: MessagePort[] = [];
	const workers: Worker[] = [];
	const model = sharedModel.shareable();
	for (let i = 0; i < Math.min(threads - 1, Math.ceil(tasks.length / size) - 1); i++) {
		const channel = new MessageChannel();
		const work: PoolWork = { port: channel.port2, shared, tasks, size, options, model };
		const worker = new Worker(entry, { workerData: work, transferList: [channel.port2] });
		worker.unref();
		workers.push(worker);
		ports.push(channel.port1);
	}
	let done = 0;
	let lastNews = Date.now();
	const store = (start: number, batch: JobResult[]) => {
		batch.forEach((r, k) => (results[start + k] = r));
		done += batch.length;
		progress?.(done, tasks.length);
	};
	const collect = () => {
		for (const port of ports) {
			for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
				const { start, results: batch } = m.message as { start: number; results: JobResult[] };
				store(start, batch);
				lastNews = Date.now();
			}
		}
	};
	claimBatches(shared, tasks, size, options, (start, batch) => {
		store(start, batch);
		collect();
	});
	while (done < tasks.length) {
		const seen = Atomics.load(shared, 1);
		collect();
		if (done >= tasks.length) break;
		if (Date.now() - lastNews > stallMs) {
			// A worker died without a word (out of memory): finish its files in this thread.
			for (let i = 0; i < tasks.length; i++) {
				if (!results[i]) {
					results[i] = runSerial([tasks[i]], options)[0];
					progress?.(++done, tasks.length);
				}
			}
			break;
		}
		Atomics.wait(shared, 1, seen, 1000);
	}
	for (const port of ports) port.close();
	for (const worker of workers) void worker.terminate();
	return results.map((r, i) => r ?? failedJob(tasks[i].shown, new Error('未完成')));
}
