import * as assert from 'node:assert/strict';
import { parseDraft } from '../../server/src/engine';
import { MarkTable } from '../../server/src/engine/marks';
import { ContextReads, ParagraphView } from '../../server/src/engine/paragraphView';

// The paragraph's paired marks, computed once and read by every rule that asks whether an
// offset stands inside quotes, a title, a banner or brackets.

describe('mark table of a paragraph', () => {
	const text = '他说：“要读《“两山”理论》一书。”【专栏】会后（记者 王华）';
	const marks = new MarkTable(text);
	const at = (s: string, nth = 0) => {
		let i = -1;
		for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
		return i;
	};

	it('gives the depth of quotes, titles and banners at each offset, and the innermost quotation’s start', () => {
		assert.deepEqual(marks.at(at('他')), { quote: 0, title: 0, banner: 0, quoteStart: undefined });
		assert.deepEqual(marks.at(at('要')), { quote: 1, title: 0, banner: 0, quoteStart: at('要') });
		assert.deepEqual(marks.at(at('两')), { quote: 2, title: 1, banner: 0, quoteStart: at('两') });
		assert.deepEqual(marks.at(at('理')), { quote: 1, title: 1, banner: 0, quoteStart: at('要') });
		assert.deepEqual(marks.at(at('专')), { quote: 0, title: 0, banner: 1, quoteStart: undefined });
		// The closing mark itself still stands inside: a match that ends the quotation starts before it.
		assert.equal(marks.quoted(at('”', 1)), true);
		assert.equal(marks.quoted(at('”', 1) + 1), false);
		assert.equal(marks.inTitle(at('一')), false);
	});

	it('pairs each family on its own and finds where a quotation ends', () => {
		assert.equal(marks.quotationEnd(at('要')), at('”', 1));
		assert.equal(marks.quotationEnd(at('两')), at('”'));
		const brackets = marks.around(at('王'), 'bracket');
		assert.deepEqual(
			brackets.map((s) => [s.open, s.start, s.end]),
			[['（', at('（'), at('）')]],
		);
		// A quotation never closed runs to the end; a closing mark with nothing open is ignored.
		const open = new MarkTable('》甲说：“乙');
		assert.deepEqual(open.at(5), { quote: 1, title: 0, banner: 0, quoteStart: 5 });
		assert.equal(open.quotationEnd(5), 6);
		assert.equal(open.inTitle(1), false);
	});

	it('lists the spans around an offset outermost first', () => {
		const spans = marks.around(at('两'));
		assert.deepEqual(
			spans.map((s) => s.open),
			['“', '《', '“'],
		);
	});
});

describe('paragraph view', () => {
	const model = parseDraft('本报讯 全区召开会议。\n\n他说：“好。”\n');
	const paragraph = model.paragraphs[1];

	it('reads the cache key and the mark table without noting an outside read', () => {
		const reads = new ContextReads();
		const view = new ParagraphView(paragraph, reads);
		assert.equal(view.text, paragraph.text);
		assert.equal(view.kind, paragraph.kind);
		assert.equal(view.datelineLength, paragraph.datelineLength);
		assert.equal(view.crossesBreak(0, 2), paragraph.crossesBreak(0, 2));
		assert.equal(view.marks.quoted(view.text.indexOf('好')), true);
		assert.equal(reads.outside, false);
	});

	it('notes a read of anything else: the paragraph’s place in the draft and the source', () => {
		for (const read of [
			(v: ParagraphView) => v.story,
			(v: ParagraphView) => v.index,
			(v: ParagraphView) => v.sourceStart,
			(v: ParagraphView) => v.toSourceEnd(1),
		]) {
			const reads = new ContextReads();
			const view = new ParagraphView(paragraph, reads);
			const seen = read(view);
			assert.equal(seen, read(paragraph as unknown as ParagraphView));
			assert.equal(reads.outside, true, String(read));
		}
	});
});
