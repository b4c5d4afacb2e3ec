import { workerData } from 'node:worker_threads';
import { freezeFileLookups } from '../engine/fileStamp';
import { sharedModel } from '../engine/lm/loader';
import { claimBatches, type PoolWork } from './pool';

// Entry point of a lint worker thread (bundled as dist/cliWorker.js). It claims batches of
// files from the counter it shares with the other threads, posts each batch's results, and
// bumps the second counter so that the main thread, if it sleeps in Atomics.wait, wakes to
// collect them. When the counter has run out, the thread ends.

const { port, shared, tasks, size, options, model } = workerData as PoolWork;
if (model) sharedModel.install(model);
// As in the main thread: the run's config, rule and ignore files are read once.
freezeFileLookups();

claimBatches(shared, tasks, size, options, (start, results) => {
	port.postMessage({ start, results });
	Atomics.add(shared, 1, 1);
	Atomics.notify(shared, 1);
});
port.close();
