import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { builtinRulesDir } from '../../server/src/engine';

// The layering, checked on the sources: the faces (lsp/, cli/, io/, the client) reach the
// engine through its index only, and no module imports itself back through a cycle.

const root = join(builtinRulesDir(), '..');
const sources = ['server/src', 'client/src'].map((d) => join(root, d));

function tsFiles(dir: string, out: string[] = []): string[] {
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, e.name);
		if (e.isDirectory()) tsFiles(path, out);
		else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(path);
	}
	return out;
}

/** Relative imports of a file (import, export ... from, require, import()), resolved to files. */
function importsOf(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const out: string[] = [];
	for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
		const base = resolve(dirname(file), m[1]);
		const target = [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && p.endsWith('.ts'));
		if (target) out.push(target);
	}
	return out;
}

const graph = new Map<string, string[]>();
for (const file of sources.flatMap((d) => tsFiles(d))) graph.set(file, importsOf(file));
const shown = (f: string) => relative(root, f).split(sep).join('/');

/** Strongly connected components with more than one module, or a module importing itself. */
function cycles(): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (v: string) => {
		index.set(v, counter);
		low.set(v, counter++);
		stack.push(v);
		onStack.add(v);
		for (const w of graph.get(v) ?? []) {
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (onStack.has(w)) {
				low.set(v, Math.min(low.get(v)!, index.get(w)!));
			}
		}
		if (low.get(v) === index.get(v)) {
			const component: string[] = [];
			let w: string;
			do {
				w = stack.pop()!;
				onStack.delete(w);
				component.push(w);
			} while (w !== v);
			if (component.length > 1 || graph.get(v)?.includes(v)) found.push(component.map(shown).sort());
		}
	};
	for (const v of graph.keys()) if (!index.has(v)) visit(v);
	return found;
}

describe('architecture', () => {
	it('reads every module of the server and the client', () => {
		assert.ok(graph.size > 50, `${graph.size} modules`);
		assert.ok([...graph.values()].some((list) => list.length > 0));
	});

	it('reaches the engine from outside only through engine/index.ts', () => {
		const engine = join(root, 'server', 'src', 'engine') + sep;
		const door = join(engine, 'index.ts');
		const breaches: string[] = [];
		for (const [file, imports] of graph) {
			if (file.startsWith(engine)) continue;
			for (const target of imports) {
				if (target.startsWith(engine) && target !== door) breaches.push(`${shown(file)} -> ${shown(target)}`);
			}
		}
		assert.deepEqual(breaches, []);
	});

	it('has no import cycle', () => {
		assert.deepEqual(cycles(), []);
	});
});
