// How far apart two words are, for "did you mean" suggestions (config keys, rule ids) and
// for spotting a misspelt member of a fixed enumeration (kinds/match/order).

/** Edit distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
	const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
	for (let i = 1; i <= a.length; i++) {
		for (let j = 1; j <= b.length; j++) {
			const cost = a[i - 1] === b[j - 1] ? 0 : 1;
			d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
				d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
			}
		}
	}
	return d[a.length][b.length];
}

/**
 * The candidate nearest to `word` (case aside), when it is near enough to be what was meant:
 * at most a third of the word's length away (two edits for most keys). Ties go to the first.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
	const w = word.toLowerCase();
	const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
	let best: string | undefined;
	let bestDistance = Infinity;
	for (const c of candidates) {
		if (c === word) continue;
		// Lengths alone rule most candidates out.
		if (Math.abs(c.length - w.length) > limit) continue;
		const d = editDistance(w, c.toLowerCase());
		if (d <= limit && d < bestDistance) {
			best = c;
			bestDistance = d;
		}
	}
	return best;
}
