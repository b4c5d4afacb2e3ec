import { readFileSync } from 'node:fs';

// One definition of the trimmed jieba dictionary, shared by the build (esbuild.mjs) and the
// dictionary study of the benchmark, so that the study measures what the build ships.

/** The `words` most frequent entries of jieba's dictionary, in jieba's own line format. */
export function trimDictionary(full, words) {
	const entries = readFileSync(full, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split(' '))
		.sort((a, b) => Number(b[1]) - Number(a[1]) || (a[0] < b[0] ? -1 : 1))
		.slice(0, words);
	return entries.map((e) => e.join(' ')).join('\n') + '\n';
}
