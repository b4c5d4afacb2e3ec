import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Where V8's code cache of the server bundle `core` (of `sourceLength` characters) may be,
 * in the order tried: beside the bundle, or in the temporary folder when that is read-only.
 * The launcher reads and writes them; the benchmark clears them to time a first start.
 */
export function codeCachePlaces(core: string, sourceLength: number): string[] {
	return [`${core}.cache`, join(tmpdir(), 'newsproof', `serverCore-${sourceLength}.cache`)];
}
