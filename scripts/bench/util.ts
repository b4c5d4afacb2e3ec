import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

// Small helpers shared by the benchmark parts: medians, percentiles, a seeded random
// source (so that every run makes the same edits) and peak memory of a child process.

export function median(values: number[]): number {
	return percentile(values, 50);
}

/** Nearest-rank percentile of the values (not interpolated). */
export function percentile(values: number[], p: number): number {
	if (!values.length) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[rank];
}

export function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
	try {
		const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

export interface ProcessRun {
	ms: number;
	/** User plus system seconds × 1000, from GNU time (undefined without it). */
	cpuMs?: number;
	peakBytes?: number;
	code: number | null;
	timedOut: boolean;
	stdout: string;
	stderr: string;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command and reports wall time and peak resident memory. With GNU time the peak is
 * its "Maximum resident set size"; without it, /proc/<pid>/status VmHWM is polled.
 */
export function runMeasured(command: string, args: string[], timeoutMs: number, cwd?: string): Promise<ProcessRun> {
	return new Promise((resolve) => {
		const argv = gnuTime ? ['-v', command, ...args] : args;
		const started = process.hrtime.bigint();
		const child = spawn(gnuTime ?? command, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		let polled: number | undefined;
		let timedOut = false;
		child.stdout.on('data', (d) => (stdout.length < 1e6 ? (stdout += d) : undefined));
		child.stderr.on('data', (d) => (stderr += d));
		const poll = gnuTime
			? undefined
			: setInterval(() => {
					const v = statusField(child.pid!, 'VmHWM');
					if (v !== undefined) polled = Math.max(polled ?? 0, v);
				}, 10);
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('close', (code) => {
			const ms = Number(process.hrtime.bigint() - started) / 1e6;
			clearTimeout(timer);
			if (poll) clearInterval(poll);
			let peakBytes = polled;
			let cpuMs: number | undefined;
			if (gnuTime) {
				const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
				const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
				cpuMs = user && system ? (Number(user[1]) + Number(system[1])) * 1000 : undefined;
				const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
				peakBytes = m ? Number(m[1]) * 1024 : undefined;
			}
			resolve({ ms, cpuMs, peakBytes, code, timedOut, stdout, stderr });
		});
	});
}

export const mb = (bytes: number) => bytes / 1e6;
