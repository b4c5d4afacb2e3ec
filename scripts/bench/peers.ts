import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured } from './util';

// AutoCorrect and zhlint on the same inputs, each in a child process of its own (zhlint
// can run for minutes on one long block, and a sync call cannot be interrupted in-process).
// The files are read before the clock starts; only the lint calls are timed.

export interface Peer {
	name: string;
	module: string;
	/** JavaScript run per text in the child, with `m` the module and `t` the text. */
	call: string;
}

export const peers: Peer[] = [
	{ name: 'AutoCorrect', module: 'autocorrect-node', call: "m.lintFor(t, 'draft.txt')" },
	{ name: 'zhlint', module: 'zhlint', call: "m.run(t, { rules: { preset: 'default' } })" },
];

export function peerDir(): string {
	return process.env.NEWSPROOF_BENCH_PEERS ?? '/tmp/newsproof-bench-peers';
}

export function peerAvailable(peer: Peer): boolean {
	return existsSync(join(peerDir(), 'node_modules', peer.module, 'package.json'));
}

export function peerVersion(peer: Peer): string {
	try {
		return require(join(peerDir(), 'node_modules', peer.module, 'package.json')).version;
	} catch {
		return '?';
	}
}

/** CPU and wall ms for the peer to lint every file of the list once; neither on timeout. */
export async function timePeer(peer: Peer, listFile: string, timeoutMs: number): Promise<{ ms?: number; wall?: number; error?: string }> {
	const script = `
		const fs = require('fs');
		const m = require(${JSON.stringify(join(peerDir(), 'node_modules', peer.module))});
		const texts = JSON.parse(fs.readFileSync(${JSON.stringify(listFile)}, 'utf8')).map((f) => fs.readFileSync(f, 'utf8'));
		const started = process.hrtime.bigint();
		const cpu = process.cpuUsage();
		for (const t of texts) { ${peer.call}; }
		const used = process.cpuUsage(cpu);
		process.stdout.write(JSON.stringify({ wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: (used.user + used.system) / 1000 }));
	`;
	const run = await runMeasured(process.execPath, ['-e', script], timeoutMs);
	if (run.timedOut) {
		return {};
	}
	try {
		const { wall, cpu } = JSON.parse(run.stdout) as { wall: number; cpu: number };
		return { ms: cpu, wall };
	} catch {
		return { error: run.stderr.split('\n').find((l) => /Error/.test(l)) ?? `exit ${run.code}` };
	}
}
