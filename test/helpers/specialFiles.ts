import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Special files for the tests that make sure newsproof never reads one: a FIFO (mkfifo) and
// a character device. Where the system has neither (Windows), those tests are skipped.

/** Makes a FIFO at `path`; false where mkfifo is not available. */
export function makeFifo(path: string): boolean {
	if (process.platform === 'win32') return false;
	try {
		execFileSync('mkfifo', [path]);
		return true;
	} catch {
		return false;
	}
}

/** A character device that streams without end, when the system has one. */
export const endlessDevice = existsSync('/dev/zero') ? '/dev/zero' : undefined;
