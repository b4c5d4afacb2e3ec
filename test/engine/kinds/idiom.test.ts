import * as assert from 'node:assert/strict';
import { PairIndex } from '../../../server/src/engine/kinds/check/idiom';

// The idiom rule finds the idioms that share two characters with a window of the text
// through a table keyed by the pair: every pair added is found with its whole list, and no
// other pair is, however the keys collide.

describe('idiom pair index', () => {
	it('finds each pair with every value added under it, and nothing for other pairs', () => {
		const index = new PairIndex();
		const added = new Map<string, string[]>();
		// Pairs of common characters and of neighbouring code units, which collide in small tables.
		const chars = '一不人大中国以再在已协调致至赞绝决𠮷'.split('');
		let n = 0;
		for (const a of chars) {
			for (const b of chars) {
				if ((a.charCodeAt(0) + b.charCodeAt(0) + n++) % 3 === 0) continue;
				const value = `${a}${b}${n}`;
				index.add(a.charCodeAt(0), b.charCodeAt(0), value);
				const key = a + b;
				added.set(key, [...(added.get(key) ?? []), value]);
			}
		}
		index.add('协'.charCodeAt(0), '调'.charCodeAt(0), '协调一致');
		added.set('协调', [...(added.get('协调') ?? []), '协调一致']);
		index.freeze();
		for (const a of chars) {
			for (const b of chars) {
				assert.deepEqual(index.get(a.charCodeAt(0), b.charCodeAt(0)), added.get(a + b), a + b);
			}
		}
		assert.equal(index.get(0, 0), undefined);
		assert.equal(index.get(0xffff, 0xffff), undefined);
	});

	it('finds nothing before it is laid out, or when empty', () => {
		const index = new PairIndex();
		index.add(1, 2, 'x');
		assert.equal(index.get(1, 2), undefined);
		const empty = new PairIndex();
		empty.freeze();
		assert.equal(empty.get(1, 2), undefined);
	});
});
