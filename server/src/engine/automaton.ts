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
		for (const child of this.nodes[0].next.values()) {
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
		this.built = true;
	}

	/** The values of the terms that occur in the text, found without listing each occurrence. */
	present(text: string): Set<T> {
		if (!this.built) {
			this.build();
		}
		const found = new Set<T>();
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			while (state !== 0 && !this.nodes[state].next.has(c)) {
				state = this.nodes[state].fail;
			}
			state = this.nodes[state].next.get(c) ?? 0;
			for (const { value } of this.nodes[state].out) {
				found.add(value);
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
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			while (state !== 0 && !this.nodes[state].next.has(c)) {
				state = this.nodes[state].fail;
			}
			state = this.nodes[state].next.get(c) ?? 0;
			for (const { term, value } of this.nodes[state].out) {
				found.push({ start: i + 1 - term.length, end: i + 1, term, value });
			}
		}
		return found;
	}
}
