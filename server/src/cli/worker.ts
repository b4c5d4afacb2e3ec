import { workerData } from 'node:worker_threads';
import { adoptJiebaModule, adoptModel, adoptOverlays, Engine } from '../engine';
import type { JobOptions } from './job';
import { claimBatches, type PoolWork, runSerial, type Task } from './pool';

// Entry point of a lint worker thread (bundled as dist/cliWorker.js). It runs the batch it was
// given, then claims batches from the counter it shares with the other threads and posts each
// batch's results; when the counter has run out, the thread ends. The segmenter's WebAssembly
// arrives compiled from the main thread, the language model and its overlays as its bytes.

const work = workerData as PoolWork;
if (work.segmenter) adoptJiebaModule(work.segmenter.wasm, work.segmenter.module);
if (work.model) adoptModel(work.model);
if (work.overlays) adoptOverlays(work.overlays);
// As in the main thread: one engine for the run, which reads its config, rule and ignore files once.
const engine = new Engine({ batch: true });

// Fault injection for the tests: the thread dies abruptly on reaching the file named here.
const fault = process.env.NEWSPROOF_FAULT_WORKER_EXIT;
const run = (batch: Task[], options: JobOptions) => {
	if (fault && batch.some((t) => t.shown.endsWith(fault))) process.exit(70);
	return runSerial(engine, batch, options);
};

claimBatches(work, work.worker, (start, results) => work.port.postMessage({ start, results }), run);
work.port.close();
