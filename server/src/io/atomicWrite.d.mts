/** Temporary files end in this suffix, which no draft extension matches. */
export const temporarySuffix: string;
/** A temporary name beside `path`: hidden, and never taken for a draft. */
export function temporaryName(path: string): string;
export class AtomicWriteError extends Error {}
/** Writes `data` to `path` through a temporary file and a rename (see atomicWrite.mjs). */
export function writeFileAtomic(
	path: string,
	data: string | Uint8Array,
	options?: { unchanged?: Uint8Array; unchangedPath?: string; mode?: number; durable?: boolean },
): void;
