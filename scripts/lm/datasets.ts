import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// The error-annotated samples in ../shared/error-datasets, as pairs of a faulty sentence and
// its corrected twin (equal length: every error is one character put for another).

export interface Pair {
	source: string;
	target: string;
}

export interface Dataset {
	name: string;
	label: string;
	pairs: Pair[];
}

function lines(path: string): string[] {
	return readFileSync(path, 'utf8')
		.split('\n')
		.filter((l) => l.trim());
}

/** One dataset from a file in one of the formats of the datasets' README. */
export function readDataset(kind: 'csc' | 'lemon' | 'tsv', path: string): Pair[] {
	const pairs: Pair[] = [];
	for (const line of lines(path)) {
		if (kind === 'csc') {
			const o = JSON.parse(line) as { source: string; target: string };
			pairs.push({ source: o.source, target: o.target });
		} else if (kind === 'lemon') {
			const [s, t] = line.split('\t');
			if (t !== undefined) pairs.push({ source: s.replace(/ /g, ''), target: t.replace(/ /g, '') });
		} else {
			const [, s, t] = line.split('\t');
			if (t !== undefined) pairs.push({ source: s, target: t });
		}
	}
	// Only same-length pairs can be scored per character.
	return pairs.filter((p) => p.source.length === p.target.length);
}

export function sharedDatasets(errorDir: string): Dataset[] {
	const all: [string, string, 'csc' | 'lemon' | 'tsv', string][] = [
		['csc_hard', 'csc_hard 报纸句子', 'csc', 'csc_hard-newspaper/news_paper_sample.jsonl'],
		['lemon', 'LEMON 新闻标题', 'lemon', 'lemon-news/lemon_new_sample.tsv'],
		['ecspell', 'ECSpell 公文', 'tsv', 'ecspell-odw/odw.test.tsv'],
		['sighan15', 'SIGHAN-15', 'tsv', 'sighan15-test/sighan15_test_simplified.tsv'],
	];
	return all
		.filter(([, , , file]) => existsSync(join(errorDir, file)))
		.map(([name, label, kind, file]) => ({ name, label, pairs: readDataset(kind, join(errorDir, file)) }));
}
