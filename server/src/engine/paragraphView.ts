import type { CheckContext, RuleOptions, RunState } from './rule';
import type { WordIndex } from './segmenter';
import type { DraftModel, Paragraph } from './textModel';

// A paragraph check's results are kept under the paragraph's cache key (its text, kind,
// dateline and layout) when the check read nothing else. The check sees the paragraph
// through a ParagraphView and the draft through a ParagraphContext: reading a field that is
// not part of the key, or the model, is noted in the run's ContextReads, and such a run is
// repeated every time. Whatever a run read before its first outside access was local, so a
// run that never reached outside depends on the key alone.

/** What one check run read outside its paragraph's cache key; owned by the lint run. */
export class ContextReads {
	outside = false;
}

/**
 * Paragraph as a check sees it: every public member of Paragraph, written out (the compiler
 * checks that none is missing); the members outside the cache key note their reading.
 */
export class ParagraphView implements Pick<Paragraph, keyof Paragraph> {
	constructor(
		private readonly target: Paragraph,
		private readonly reads: ContextReads,
	) {}

	// Part of the cache key: read freely.
	get text(): string {
		return this.target.text;
	}
	get kind(): Paragraph['kind'] {
		return this.target.kind;
	}
	get datelineLength(): number {
		return this.target.datelineLength;
	}
	crossesBreak(start: number, end: number): boolean {
		return this.target.crossesBreak(start, end);
	}
	get marks(): Paragraph['marks'] {
		return this.target.marks;
	}

	// Outside the key: the draft around the paragraph, and where it stands in the source.
	private outside(): Paragraph {
		this.reads.outside = true;
		return this.target;
	}
	get story(): number {
		return this.outside().story;
	}
	get index(): number {
		return this.outside().index;
	}
	get tail(): string {
		return this.outside().tail;
	}
	get sourceStart(): number {
		return this.outside().sourceStart;
	}
	get sourceEnd(): number {
		return this.outside().sourceEnd;
	}
	toSourceStart(offset: number): number {
		return this.outside().toSourceStart(offset);
	}
	toSourceEnd(offset: number): number {
		return this.outside().toSourceEnd(offset);
	}
	layoutKey(): string {
		return this.outside().layoutKey();
	}
	appendSource(source: string, start: number, end: number): void {
		this.outside().appendSource(source, start, end);
	}
	appendVirtual(char: string, source: number): void {
		this.outside().appendVirtual(char, source);
	}
}

/** What a paragraph check sees; reading the model marks the run as contextual. */
export class ParagraphContext implements CheckContext {
	readonly paragraph: Paragraph;

	constructor(
		private readonly draft: DraftModel,
		private readonly target: Paragraph,
		private readonly wordsOf: (p: Paragraph) => WordIndex | undefined,
		readonly options: RuleOptions,
		readonly run: RunState,
		private readonly reads: ContextReads,
	) {
		// A view has Paragraph's public members; the private ones are Paragraph's own.
		this.paragraph = new ParagraphView(target, reads) as unknown as Paragraph;
	}

	get model(): DraftModel {
		this.reads.outside = true;
		return this.draft;
	}

	words(): WordIndex | undefined {
		return this.wordsOf(this.target);
	}
}
