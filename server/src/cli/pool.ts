import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import { failedJob, type JobOptions, type JobResult, runJob } from './job';

// Lints many files on a pool of threads, one per core. The main thread stays synchronous:
// it hands out small batches, lints batches itself, and when the queue is empty sleeps in
// Atomics.wait until a worker reports, then reads the answer with receiveMessageOnPort. Results land at their file's index, so the
// output order is the order of the files whatever the timing.

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
	const signal = new Int32Array(new SharedArrayBuffer(4));
	const results: (JobResult | undefined)[] = new Array(tasks.length);
	// Small batches keep the threads evenly busy; batches of several files save messages.
	const size = Math.max(1, Math.min(32, Math.floor(tasks.length / (threads * 8))));
	const batches: { id: number; start: number; files: Task[] }[] = [];
	for (let start = 0; start < tasks.length; start += size) {
		batches.push({ id: batches.length, start, files: tasks.slice(start, start + size) });
	}
	const workers: { worker: Worker; port: MessagePort }[] = [];
	for (let i = 0; i < Math.min(threads - 1, batches.length - 1); i++) {
		const channel = new MessageChannel();
		const worker = new Worker(entry, { workerData: { port: channel.port2, signal, options }, transferList: [channel.port2] });
		worker.unref();
		workers.push({ worker, port: channel.port1 });
	}
	let next = 0;
	let done = 0;
	const send = (w: (typeof workers)[number]) => {
		if (next < batches.length) {
			const b = batches[next++];
			w.port.postMessage({ id: b.id, files: b.files });
		}
	};
	const store = (id: number, batch: JobResult[]) => {
		const b = batches[id];
		batch.forEach((r, k) => (results[b.start + k] = r));
		done += batch.length;
		progress?.(done, tasks.length);
	};
	// Two batches in flight per worker: it never waits for the main thread between them.
	for (const w of workers) {
		send(w);
		send(w);
	}
	let lastNews = Date.now();
	while (done < tasks.length) {
		const seen = Atomics.load(signal, 0);
		for (const w of workers) {
			for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) {
				const { id, results: batch } = m.message as { id: number; results: JobResult[] };
				store(id, batch);
				lastNews = Date.now();
				send(w);
			}
		}
		if (next < batches.length) {
			const b = batches[next++];
			store(b.id, runSerial(b.files, options));
			continue;
		}
		if (done >= tasks.length) break;
		if (Date.now() - lastNews > stallMs) {
			// A worker died without a word (out of memory): finish in this thread.
			for (let i = 0; i < tasks.length; i++) {
				if (!results[i]) {
					results[i] = runSerial([tasks[i]], options)[0];
					progress?.(++done, tasks.length);
				}
			}
			break;
		}
		Atomics.wait(signal, 0, seen, 1000);
	}
	for (const w of workers) {
		w.port.postMessage({ stop: true });
		w.port.close();
		void w.worker.terminate();
	}
	return results.map((r, i) => r ?? failedJob(tasks[i].shown, new Error('未完成')));
}
