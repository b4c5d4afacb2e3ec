// The line of each rule's heading in the rule reference (docs/rules.md): diagnostics link to
// it as `#L<line>`. The build writes each heading's line and byte offset beside the bundle
// (dist/rule-doc-lines.json), so that a cold start does not scan the reference. The file's
// times are no guide (an installed extension's files all carry the time of the install), so
// the server checks the reference's bytes instead: the same size, and every heading at its
// offset. A reference changed since the build is scanned.

/**
 * Line (1-based) and byte offset of each `### ` heading, by its text. The bytes are read as
 * Latin-1, without decoding: rule ids are ASCII and no byte of a multi-byte UTF-8 character
 * is, so the ids, the offsets and the line breaks come out right.
 * @param {Uint8Array} bytes
 * @returns {Record<string, [number, number]>}
 */
export function headingPlaces(bytes) {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	/** @type {Record<string, [number, number]>} */
	const places = {};
	let line = 1;
	for (let at = 0; at < text.length; line++) {
		const end = text.indexOf('\n', at);
		const stop = end < 0 ? text.length : end;
		if (text.startsWith('### ', at)) places[text.slice(at + 4, stop).trim()] = [line, at];
		at = stop + 1;
	}
	return places;
}

/**
 * Line (1-based) of each `### ` heading, by its text.
 * @param {Uint8Array} bytes
 * @returns {Record<string, number>}
 */
export function headingLines(bytes) {
	return linesOf(headingPlaces(bytes));
}

/**
 * The lines of the places the build wrote, when the reference is still the file it read:
 * the same size and each heading at its offset. Undefined otherwise.
 * @param {Uint8Array} bytes
 * @param {{ size: number, places: Record<string, [number, number]> }} built
 * @returns {Record<string, number> | undefined}
 */
export function builtLines(bytes, built) {
	if (built.size !== bytes.byteLength) return undefined;
	const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (const [heading, [, offset]] of Object.entries(built.places)) {
		const want = `### ${heading}`;
		if (buffer.toString('latin1', offset, offset + want.length) !== want) return undefined;
	}
	return linesOf(built.places);
}

/**
 * @param {Record<string, [number, number]>} places
 * @returns {Record<string, number>}
 */
function linesOf(places) {
	/** @type {Record<string, number>} */
	const lines = {};
	for (const [heading, [line]] of Object.entries(places)) lines[heading] = line;
	return lines;
}

/** What the build writes: the reference's size and its headings' lines and byte offsets. */
export const docLinesFile = 'rule-doc-lines.json';
