// Aho-Corasick over UTF-16 code units: every literal term of every rule is found in one
// pass over a paragraph, however many terms the rule set holds.

export interface TermMatch<T> {
	start: number;
	end: number;
	term: string;
	value: T;
}

interface Node<T> {
	next: Map<number, number>;
	fail: number;
	/** Terms ending exactly here. */
	own: { term: string; value: T }[];
	/** Terms ending here, including those reached through fail links. */
	out: { term: string; value: T }[];
}

export class Automaton<T> {
	private readonly nodes: Node<T>[] = [{ next: new Map(), fail: 0, own: [], out: [] }];
	private built = false;
	/** The root's transitions by code unit: most steps in running text start from the root. */
	private root = new Int32Array(0);
	/** Distinct values by number, and per state the numbers of the values of its `out` terms. */
	private values: T[] = [];
	private outIds: Int32Array[] = [];
	/** Per value, the `present` call that last saw it (a stamp instead of clearing a table). */
	private seen = new Int32Array(0);
	private stamp = 0;

	add(term: string, value: T): void {
		if (!term) {
			return;
		}
		let state = 0;
		for (let i = 0; i < term.length; i++) {
			const c = term.charCodeAt(i);
			let next = this.nodes[state].next.get(c);
			if (next === undefined) {
				next = this.nodes.length;
				this.nodes.push({ next: new Map(), fail: 0, own: [], out: [] });
				this.nodes[state].next.set(c, next);
			}
			state = next;
		}
		this.nodes[state].own.push({ term, value });
		this.built = false;
	}

	get size(): number {
		return this.nodes.length;
	}

	private build(): void {
		const queue: number[] = [];
		this.nodes[0].out = this.nodes[0].own;
		this.root = new Int32Array(0x10000);
		for (const [c, child] of this.nodes[0].next) {
			this.root[c] = child;
			this.nodes[child].fail = 0;
			this.nodes[child].out = [...this.nodes[child].own];
			queue.push(child);
		}
		for (let q = 0; q < queue.length; q++) {
			const state = queue[q];
			for (const [c, child] of this.nodes[state].next) {
				let f = this.nodes[state].fail;
				while (f !== 0 && !this.nodes[f].next.has(c)) {
					f = this.nodes[f].fail;
				}
				const target = this.nodes[f].next.get(c);
				this.nodes[child].fail = target !== undefined && target !== child ? target : 0;
				this.nodes[child].out = [...this.nodes[child].own, ...this.nodes[this.nodes[child].fail].out];
				queue.push(child);
			}
		}
		const ids = new Map<T, number>();
		this.values = [];
		this.outIds = this.nodes.map((node) => {
			const own = new Set<number>();
			for (const { value } of node.out) {
				let id = ids.get(value);
				if (id === undefined) {
					id = this.values.length;
					ids.set(value, id);
					this.values.push(value);
				}
				own.add(id);
			}
			return Int32Array.from(own);
		});
		this.seen = new Int32Array(this.values.length);
		this.stamp = 0;
		this.built = true;
	}

	/** The state after reading code unit c in `state`. */
	private step(state: number, c: number): number {
		const nodes = this.nodes;
		while (state !== 0) {
			const next = nodes[state].next.get(c);
			if (next !== undefined) return next;
			state = nodes[state].fail;
		}
		return this.root[c];
	}

	/** The values of the terms that occur in the text, found without listing each occurrence. */
	present(text: string): Set<T> {
		if (!this.built) {
			this.build();
		}
		const found = new Set<T>();
		const stamp = ++this.stamp;
		const seen = this.seen;
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			state = this.step(state, text.charCodeAt(i));
			if (state === 0) continue;
			const ids = this.outIds[state];
			for (let k = 0; k < ids.length; k++) {
				const id = ids[k];
				if (seen[id] !== stamp) {
					seen[id] = stamp;
					found.add(this.values[id]);
				}
			}
		}
		return found;
	}

	/** All occurrences, overlapping ones included, ordered by end then by length (longest first). */
	search(text: string): TermMatch<T>[] {
		if (!this.built) {
			this.build();
		}
		const found: TermMatch<T>[] = [];
		const nodes = this.nodes;
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			state = this.step(state, text.charCodeAt(i));
			if (state === 0) continue;
			const out = nodes[state].out;
			for (let k = 0; k < out.length; k++) {
				const { term, value } = out[k];
				found.push({ start: i + 1 - term.length, end: i + 1, term, value });
			}
		}
		return found;
	}
}
