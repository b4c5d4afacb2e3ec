import { type MessagePort, workerData } from 'node:worker_threads';
import { freezeFileLookups } from '../engine/fileStamp';
import { failedJob, type JobOptions, runJob } from './job';

// Entry point of a lint worker thread (bundled as dist/cliWorker.js). It takes batches of
// files from its port, answers with their results, and bumps the shared counter so that
// the main thread, blocked in Atomics.wait, knows to collect them.

interface Batch {
	id: number;
	files: { path: string; shown: string }[];
}

const { port, signal, options } = workerData as { port: MessagePort; signal: Int32Array; options: JobOptions };
// As in the main thread: the run's config, rule and ignore files are read once.
freezeFileLookups();

port.on('message', (message: Batch | { stop: true }) => {
	if ('stop' in message) {
		port.close();
		return;
	}
	const results = message.files.map((f) => {
		try {
			return runJob(f.path, f.shown, options);
		} catch (err) {
			return failedJob(f.shown, err);
		}
	});
	port.postMessage({ id: message.id, results });
	Atomics.add(signal, 0, 1);
	Atomics.notify(signal, 0);
});
