// Aho-Corasick over UTF-16 code units: every literal term of every rule is found in one
// pass over a paragraph, however many terms the rule set holds.
//
// Terms go into a trie of Maps. The first search freezes it into typed arrays and flat output
// lists, so that walking a paragraph touches no Map and allocates nothing but what it returns.
// The transitions live in one open-addressing hash table, with a 64K table for the root, and
// fail links are followed. The code units the terms use are numbered (all others share class
// 0); once a few hundred thousand have been read, and while states times classes stays small
// (the shipped rule set: about a thousand of each), every state also gets its full row of next
// states, so that a step is one table read.

export interface TermMatch<T> {
	start: number;
	end: number;
	term: string;
	value: T;
}

interface Node {
	next: Map<number, number>;
	/** Indexes into `entries` of the terms ending exactly here. */
	own: number[];
}

const emptyState = -1;
/** Largest full transition table, in entries (two bytes each). */
const maxTableEntries = 4_000_000;
/** Code units to read before the table is built: a few pages are read faster without it. */
const tableAfter = 200_000;

export class Automaton<T> {
	private readonly nodes: Node[] = [{ next: new Map(), own: [] }];
	private readonly entries: { term: string; value: T }[] = [];
	private built = false;

	// The frozen form, made by build().
	private root = new Int32Array(0);
	/** Per code unit, its class: 0 for those no term contains, after which every state is the root. */
	private classOf = new Uint16Array(0);
	private classes = 1;
	/** The full transition table, delta[state * classes + class], once built; else empty. */
	private delta = new Uint16Array(0);
	/** Whether the table fits, and the code units read so far without it (it is built once they pay for it). */
	private tableWanted = false;
	private scanned = 0;
	/** The states in breadth-first order: each one's fail state comes before it. */
	private order = new Int32Array(0);
	private fail = new Int32Array(0);
	/** Transitions of states other than the root: key (state, code unit) at a slot, the target beside it. */
	private slotState = new Int32Array(0);
	private slotChar = new Uint16Array(0);
	private slotNext = new Int32Array(0);
	private shift = 32;
	/** Per state, the entries ending here, those reached through fail links included: outList[outStart[s] .. outStart[s + 1]). */
	private outStart = new Int32Array(0);
	private outList = new Int32Array(0);
	/** The same per state as numbers of distinct values, for `present`. */
	private valueStart = new Int32Array(0);
	private valueList = new Int32Array(0);
	private values: T[] = [];
	/** Per value and per state, the `present` call that last saw it (a stamp instead of clearing a table). */
	private seen = new Int32Array(0);
	private visited = new Int32Array(0);
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
				this.nodes.push({ next: new Map(), own: [] });
				this.nodes[state].next.set(c, next);
			}
			state = next;
		}
		this.nodes[state].own.push(this.entries.length);
		this.entries.push({ term, value });
		this.built = false;
	}

	get size(): number {
		return this.nodes.length;
	}

	private build(): void {
		const nodes = this.nodes;
		const n = nodes.length;
		let edges = 0;
		for (let s = 1; s < n; s++) edges += nodes[s].next.size;
		// Slots for twice the edges, a power of two; the top bits of a multiplicative hash pick one.
		let bits = 4;
		while (1 << bits < edges * 2) bits++;
		const size = 1 << bits;
		this.shift = 32 - bits;
		this.slotState = new Int32Array(size).fill(emptyState);
		this.slotChar = new Uint16Array(size);
		this.slotNext = new Int32Array(size);
		this.root = new Int32Array(0x10000);
		this.classOf = new Uint16Array(0x10000);
		let classes = 1;
		for (let s = 0; s < n; s++) {
			for (const c of nodes[s].next.keys()) {
				if (this.classOf[c] === 0) this.classOf[c] = classes++;
			}
		}
		this.classes = classes;
		this.tableWanted = n < 0x10000 && n * classes <= maxTableEntries;
		for (const [c, child] of nodes[0].next) this.root[c] = child;
		for (let s = 1; s < n; s++) {
			for (const [c, child] of nodes[s].next) {
				let h = this.slot(s, c);
				while (this.slotState[h] !== emptyState) h = (h + 1) & (size - 1);
				this.slotState[h] = s;
				this.slotChar[h] = c;
				this.slotNext[h] = child;
			}
		}

		// Fail links and outputs, breadth first, so that a state's fail target is done before it.
		const fail = new Int32Array(n);
		const out: number[][] = new Array(n);
		out[0] = nodes[0].own;
		const queue: number[] = [];
		for (const child of nodes[0].next.values()) {
			out[child] = nodes[child].own;
			queue.push(child);
		}
		for (let q = 0; q < queue.length; q++) {
			const state = queue[q];
			for (const [c, child] of nodes[state].next) {
				// The longest proper suffix of child's string that is also in the trie.
				let f = fail[state];
				let target = this.transition(f, c);
				while (f !== 0 && target === emptyState) {
					f = fail[f];
					target = this.transition(f, c);
				}
				fail[child] = target !== emptyState && target !== child ? target : 0;
				out[child] = nodes[child].own.length ? [...nodes[child].own, ...out[fail[child]]] : out[fail[child]];
				queue.push(child);
			}
		}
		this.fail = fail;

		this.order = Int32Array.from(queue);
		this.delta = new Uint16Array(0);
		this.scanned = 0;

		const flatten = (lists: number[][]): [Int32Array<ArrayBuffer>, Int32Array<ArrayBuffer>] => {
			const start = new Int32Array(n + 1);
			for (let s = 0; s < n; s++) start[s + 1] = start[s] + lists[s].length;
			const list = new Int32Array(start[n]);
			for (let s = 0; s < n; s++) list.set(lists[s], start[s]);
			return [start, list];
		};
		[this.outStart, this.outList] = flatten(out);
		// Each entry's value by number, then per state the distinct numbers of its outputs.
		const ids = new Map<T, number>();
		this.values = [];
		const entryValue = this.entries.map(({ value }) => {
			let id = ids.get(value);
			if (id === undefined) {
				id = this.values.length;
				ids.set(value, id);
				this.values.push(value);
			}
			return id;
		});
		const lastState = new Int32Array(this.values.length).fill(-1);
		const none: number[] = [];
		const valueIds = out.map((list, state) => {
			if (list.length === 0) return none;
			const own: number[] = [];
			for (const e of list) {
				const id = entryValue[e];
				if (lastState[id] !== state) {
					lastState[id] = state;
					own.push(id);
				}
			}
			return own;
		});
		[this.valueStart, this.valueList] = flatten(valueIds);
		this.seen = new Int32Array(this.values.length);
		this.visited = new Int32Array(n);
		this.stamp = 0;
		this.built = true;
	}

	/** The full table: a state's own transitions, and its fail state's row for the rest. */
	private buildTable(): void {
		const { nodes, classOf, classes, fail } = this;
		const delta = new Uint16Array(nodes.length * classes);
		for (const [c, child] of nodes[0].next) delta[classOf[c]] = child;
		for (const state of this.order) {
			const row = state * classes;
			delta.copyWithin(row, fail[state] * classes, fail[state] * classes + classes);
			for (const [c, child] of nodes[state].next) delta[row + classOf[c]] = child;
		}
		this.delta = delta;
	}

	/** Before a walk over `length` code units: builds what is missing, or due. */
	private prepare(length: number): void {
		if (!this.built) {
			this.build();
		}
		if (this.tableWanted && this.delta.length === 0 && (this.scanned += length) > tableAfter) {
			this.buildTable();
		}
	}

	private slot(state: number, c: number): number {
		return Math.imul(Math.imul(state, 0x10001) ^ c, 0x9e3779b1) >>> this.shift;
	}

	/** The target of state's own transition on c, or emptyState (the root's missing ones are 0). */
	private transition(state: number, c: number): number {
		return state === 0 ? this.root[c] : this.probe(state, c);
	}

	/** The target of a non-root state's own transition on c, or emptyState. */
	private probe(state: number, c: number): number {
		const mask = this.slotState.length - 1;
		for (let h = this.slot(state, c); ; h = (h + 1) & mask) {
			const s = this.slotState[h];
			if (s === state) {
				if (this.slotChar[h] === c) return this.slotNext[h];
			} else if (s === emptyState) {
				return emptyState;
			}
		}
	}

	/** The state after reading code unit c in `state`. */
	private step(state: number, c: number): number {
		const k = this.classOf[c];
		if (k === 0) return 0;
		if (this.delta.length) return this.delta[state * this.classes + k];
		while (state !== 0) {
			const next = this.probe(state, c);
			if (next !== emptyState) return next;
			state = this.fail[state];
		}
		return this.root[c];
	}

	/** The values of the terms that occur in the text, each once, found without listing each occurrence. */
	present(text: string): T[] {
		this.prepare(text.length);
		const found: T[] = [];
		const stamp = ++this.stamp;
		const { seen, visited, valueStart, valueList, values } = this;
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			state = this.step(state, text.charCodeAt(i));
			// A state seen before in this text has nothing new to give.
			if (visited[state] === stamp) continue;
			visited[state] = stamp;
			const end = valueStart[state + 1];
			for (let k = valueStart[state]; k < end; k++) {
				const id = valueList[k];
				if (seen[id] !== stamp) {
					seen[id] = stamp;
					found.push(values[id]);
				}
			}
		}
		return found;
	}

	/** All occurrences, overlapping ones included, ordered by end then by length (longest first). */
	search(text: string): TermMatch<T>[] {
		this.prepare(text.length);
		const found: TermMatch<T>[] = [];
		const { outStart, outList, entries } = this;
		let state = 0;
		for (let i = 0; i < text.length; i++) {
			state = this.step(state, text.charCodeAt(i));
			const end = outStart[state + 1];
			for (let k = outStart[state]; k < end; k++) {
				const { term, value } = entries[outList[k]];
				found.push({ start: i + 1 - term.length, end: i + 1, term, value });
			}
		}
		return found;
	}
}
