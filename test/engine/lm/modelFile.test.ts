import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../../../server/src/engine';
import { formatVersion, writeModelFile } from '../../../server/src/engine/lm/format';
import { builtinModelPath, ModelHolder } from '../../../server/src/engine/lm/loader';
import { sharedSegmenter, testEngine } from '../../helpers/engine';

// A missing, truncated or wrong-version model file: a clear message naming the file, and
// every other rule runs.

describe('language model file', () => {
	const dir = mkdtempSync(join(tmpdir(), 'newsproof-lm-'));
	const shipped = readFileSync(builtinModelPath());

	it('loads the shipped model', () => {
		const holder = new ModelHolder(builtinModelPath());
		const model = holder.get();
		assert.ok(model, holder.error?.message);
		assert.equal(model.order, 4);
		assert.ok(model.vocabSize > 4000);
	});

	const broken: [string, () => Buffer, RegExp][] = [
		['missing', () => Buffer.alloc(0), /文件不存在/],
		['truncated', () => shipped.subarray(0, shipped.length >> 1), /不完整/],
		[
			'of another format version',
			() => {
				const copy = Buffer.from(shipped);
				copy.writeUInt32LE(formatVersion + 1, 4);
				return copy;
			},
			/格式版本/,
		],
		['not a model at all', () => Buffer.from('央视网消息：这不是模型文件。'), /不是 newsproof 语言模型文件/],
		['a local overlay instead of a model', () => writeModelFile('overlay', {}, []), /不是语言模型/],
	];
	for (const [what, make, message] of broken) {
		it(`reports a model file that is ${what}, naming the file`, () => {
			const path = join(dir, `${what.replace(/\s+/g, '-')}.lm`);
			if (what !== 'missing') writeFileSync(path, make());
			const holder = new ModelHolder(path);
			assert.equal(holder.get(), undefined);
			assert.match(holder.error!.message, message);
			assert.ok(holder.error!.message.includes(path));
		});
	}

	it('lets every other rule run when the model cannot be loaded', () => {
		const text = '希望同学们再接再励。\n\n他们在会上对下一步工作作出了具体的不署。\n';
		const broken = new Engine({ segmenter: sharedSegmenter, model: new ModelHolder(join(dir, 'nowhere.lm')) });
		const ids = broken.lintFile(undefined, text).findings.map((f) => f.ruleId);
		assert.ok(ids.includes('TYP-005'), ids.join(' '));
		assert.ok(!ids.includes('TYP-900'));
		assert.match(broken.model.error!.message, /nowhere\.lm/);
		const working = testEngine.lintFile(undefined, text).findings.map((f) => f.ruleId);
		assert.ok(working.includes('TYP-900'), working.join(' '));
	});

	it('reads the file once per process: the engines share its bytes', () => {
		const a = new Engine({ segmenter: sharedSegmenter }).model.get()!;
		const b = new Engine({ segmenter: sharedSegmenter }).model.get()!;
		assert.notEqual(a, b);
		assert.equal(a.vocab.buffer, b.vocab.buffer);
	});
});
