// The line of each rule's heading in the rule reference (docs/rules.md): diagnostics link to
// it as `#L<line>`. The build writes the lines beside the bundle with the reference's size
// and modification time (dist/rule-doc-lines.json), so that a cold start does not scan the
// reference; a reference changed since the build is scanned instead.

/**
 * Line (1-based) of each `### ` heading, by its text. The bytes are read as Latin-1, without
 * decoding: rule ids are ASCII and no byte of a multi-byte UTF-8 character is, so the ids and
 * the line breaks come out right.
 * @param {Uint8Array} bytes
 * @returns {Record<string, number>}
 */
export function headingLines(bytes) {
	const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
	/** @type {Record<string, number>} */
	const lines = {};
	let line = 1;
	for (let at = 0; at < text.length; line++) {
		const end = text.indexOf('\n', at);
		const stop = end < 0 ? text.length : end;
		if (text.startsWith('### ', at)) lines[text.slice(at + 4, stop).trim()] = line;
		at = stop + 1;
	}
	return lines;
}

/** What the build writes: the reference's size and modification time, and its heading lines. */
export const docLinesFile = 'rule-doc-lines.json';
