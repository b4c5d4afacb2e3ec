import type { Position } from './types';

/**
 * Converts UTF-16 offsets to LSP positions and back. Line breaks are \n, \r\n and a
 * lone \r, as in LSP; a position's character never points inside a \r\n pair.
 */
export class LineIndex {
	readonly starts: number[] = [0];

	constructor(readonly text: string) {
		for (let i = 0; i < text.length; i++) {
			const c = text.charCodeAt(i);
			if (c === 13) {
				if (text.charCodeAt(i + 1) === 10) {
					i++;
				}
				this.starts.push(i + 1);
			} else if (c === 10) {
				this.starts.push(i + 1);
			}
		}
	}

	get lineCount(): number {
		return this.starts.length;
	}

	positionAt(offset: number): Position {
		const clamped = Math.max(0, Math.min(offset, this.text.length));
		let lo = 0;
		let hi = this.starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.starts[mid] <= clamped) {
				lo = mid;
			} else {
				hi = mid - 1;
			}
		}
		return { line: lo, character: clamped - this.starts[lo] };
	}

	offsetAt(position: Position): number {
		if (position.line < 0) {
			return 0;
		}
		if (position.line >= this.starts.length) {
			return this.text.length;
		}
		const start = this.starts[position.line];
		return Math.max(start, Math.min(start + position.character, this.lineEnd(position.line)));
	}

	/** Offset of the end of a line's content, before its line break. */
	lineEnd(line: number): number {
		let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
		if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 10) {
			end--;
		}
		if (end > this.starts[line] && this.text.charCodeAt(end - 1) === 13) {
			end--;
		}
		return end;
	}

	lineText(line: number): string {
		return this.text.slice(this.starts[line], this.lineEnd(line));
	}
}
