import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countOrder } from '../../../server/src/engine/lm/kneserNey';
import { builtinModelPath, ModelHolder } from '../../../server/src/engine/lm/loader';
import { adoptOverlays, buildOverlay, NgramCounter, Overlay, OverlayFiles, overlayStamp, shareableOverlays } from '../../../server/src/engine/lm/overlay';
import { tokenize } from '../../../server/src/engine/lm/tokens';

// The overlay of a paper's archive (`newsproof lm add`): counted text by text in chunks that
// are merged as they fill, so that an archive of years is never held whole; looked up in the
// file's own arrays, with no copy of its keys.

/** A deterministic stream of ids 3 … 3+alphabet-1, cut into sentences of 1 to 12 tokens. */
function sentences(count: number, alphabet: number, seed: number): Uint16Array[] {
	let s = seed >>> 0;
	const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
	return Array.from({ length: count }, () => Uint16Array.from({ length: 1 + Math.floor(next() * 12) }, () => 3 + Math.floor(next() * alphabet)));
}

describe('the overlay counter', () => {
	for (const n of [3, 4]) {
		it(`counts every ${n}-gram as counting them all at once does, through many small chunks`, () => {
			// A small alphabet: the same n-grams fall into many chunks and are summed across merges.
			const text = sentences(400, 5, n);
			const expected = countOrder(text, n, 16);
			for (const chunk of [7, 64, 1 << 20]) {
				const counter = new NgramCounter(n, 16, chunk);
				for (const s of text) counter.add(s, s.length);
				const { keys, counts } = counter.result();
				assert.deepEqual([...keys], [...expected.keys], `keys, chunk ${chunk}`);
				assert.deepEqual([...counts], [...expected.counts], `counts, chunk ${chunk}`);
			}
		});
	}

	it('saturates a count at 65535, as the overlay file stores it', () => {
		const counter = new NgramCounter(3, 16, 1000);
		const one = Uint16Array.of(3);
		for (let i = 0; i < 70000; i++) counter.add(one, 1);
		const { keys, counts } = counter.result();
		assert.equal(keys.length, 1);
		assert.equal(counts[0], 65535);
	});
});

describe('the overlay file', () => {
	const model = new ModelHolder(builtinModelPath()).get()!;

	it("finds exactly the archive's n-grams seen at least twice, in the file's own arrays", () => {
		const archive = '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n二七区召开会议。\n';
		const data = buildOverlay(model, [archive], { folders: [], files: 1 });
		const overlay = new Overlay(data.buffer.slice(data.byteOffset, data.byteOffset + data.length), model, 'test.lm');
		const ids = (text: string) => {
			const { ids, length } = tokenize(text, model.idOf);
			return ids.slice(0, length);
		};
		// 具体的不署 is written twice; 二七区召开 once.
		assert.equal(overlay.count(ids('具体的不'), 0, 4), 2);
		assert.equal(overlay.count(ids('的不署'), 0, 3), 2);
		assert.equal(overlay.count(ids('二七区召'), 0, 4), 0);
		assert.equal(overlay.count(ids('不署作了'), 0, 4), 0);
		const draft = ids('会上作出了具体的不署');
		assert.ok(overlay.attests(draft, draft.length - 1, draft.length));
		assert.ok(!overlay.attests(draft, 1, draft.length));
	});
});

describe('overlay files shared between threads', () => {
	const model = new ModelHolder(builtinModelPath()).get()!;
	const archive = '区里对下一步工作作出了具体的不署。\n街道也对具体的不署作了说明。\n';
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-overlay-'));
	const draft = (() => {
		const { ids, length } = tokenize('会上作出了具体的不署', model.idOf);
		return ids.slice(0, length);
	})();

	it('reads an overlay once for the process and hands the same bytes to every reader', () => {
		const path = join(dir, 'once.lm');
		writeFileSync(path, buildOverlay(model, [archive], { folders: [], files: 1 }));
		const [shared] = shareableOverlays([path, join(dir, 'missing.lm')]);
		assert.equal(shared.path, path);
		assert.ok(shared.buffer instanceof SharedArrayBuffer);
		assert.equal(shareableOverlays([path])[0].buffer, shared.buffer);
	});

	it("uses the main thread's bytes while the file is as it was, and reads the file again once it changes", () => {
		// A worker adopts the main thread's copy; its own file check sees the stamp it was read at.
		const path = join(dir, 'adopted.lm');
		writeFileSync(path, 'not an overlay, but the size and time of the one adopted');
		const good = buildOverlay(model, [archive], { folders: [], files: 1 });
		const buffer = new SharedArrayBuffer(good.length);
		new Uint8Array(buffer).set(good);
		adoptOverlays([{ path, stamp: overlayStamp(path), buffer }]);
		const problems: string[] = [];
		const files = new OverlayFiles();
		const [overlay] = files.for([path], model, (_, m) => problems.push(m));
		assert.equal(problems.length, 0, problems.join('\n'));
		assert.ok(overlay.attests(draft, draft.length - 1, draft.length));
		// Changed on disk: read again, and found broken.
		writeFileSync(path, 'not an overlay, and now another size');
		const again = files.for([path], model, (_, m) => problems.push(m));
		assert.equal(again.length, 0);
		assert.match(problems[0], /adopted\.lm 无法使用/);
	});
});
