import { workerData } from 'node:worker_threads';
import { freezeFileLookups } from '../engine';
import type { JobOptions } from './job';
import { claimBatches, type PoolWork, runSerial, type Task } from './pool';

// Entry point of a lint worker thread (bundled as dist/cliWorker.js). It claims batches of
// files from the counter it shares with the other threads, posts each batch's results, and
// bumps the second counter so that the main thread, if it sleeps in Atomics.wait, wakes to
// collect them. When the counter has run out, the thread ends.

const work = workerData as PoolWork;
// As in the main thread: the run's config, rule and ignore files are read once.
freezeFileLookups();

// Fault injection for the tests: the thread dies abruptly on reaching the file named here.
const fault = process.env.NEWSPROOF_FAULT_WORKER_EXIT;
const run = (batch: Task[], options: JobOptions) => {
	if (fault && batch.some((t) => t.shown.endsWith(fault))) process.exit(70);
	return runSerial(batch, options);
};

claimBatches(work, work.worker, (start, results) => work.port.postMessage({ start, results }), run);
work.port.close();
