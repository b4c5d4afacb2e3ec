import * as path from 'node:path';

// Paths written by people on other systems. A Windows desk writes `ruleFiles: [规则\本报.yaml]`
// in a config that a Linux CI runner reads too; an ignore list records drafts by a path
// relative to its folder. Inside newsproof a written path is portable: either separator
// works on either system, and a path made from a file on disk uses that system's rules.

type PathApi = typeof path.posix;

/** The path API of a platform (path.win32 on Windows), so that both can be tested anywhere. */
export function pathApi(platform: NodeJS.Platform = process.platform): PathApi {
	return platform === 'win32' ? path.win32 : path.posix;
}

/**
 * A path from a config file or setting, resolved against the folder `base` it is relative to.
 * A backslash separates folders on every system (no desk names a file with one); a Windows
 * drive path (C:\…) stays absolute on Windows.
 */
export function resolveWritten(base: string, written: string, platform: NodeJS.Platform = process.platform): string {
	const api = pathApi(platform);
	const portable = platform === 'win32' ? written : written.replace(/\\/g, '/');
	return api.isAbsolute(portable) ? api.normalize(portable) : api.join(base, portable);
}

/** `file` relative to `root`, with forward slashes whatever the system (ignore-list keys). */
export function portableRelative(root: string, file: string, platform: NodeJS.Platform = process.platform): string {
	const api = pathApi(platform);
	return api.relative(root, api.resolve(file)).split(api.sep).join('/');
}

/**
 * True when `file` is `root` or inside it. On Windows the comparison ignores case, as the file
 * system does: VS Code names the drive c: where a process may name it C:.
 */
export function within(root: string, file: string, platform: NodeJS.Platform = process.platform): boolean {
	const api = pathApi(platform);
	const rel = api.relative(root, file);
	return rel === '' || (!rel.startsWith('..') && !api.isAbsolute(rel));
}
