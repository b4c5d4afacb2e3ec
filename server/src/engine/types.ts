// Shared vocabulary of the engine. Positions are LSP-shaped: 0-based lines and
// characters counted in UTF-16 code units, the unit of JavaScript strings.

export const categories = ['political', 'sensitive', 'typo', 'numeral', 'date', 'punctuation', 'typography', 'byline'] as const;
export type Category = (typeof categories)[number];

export const severities = ['error', 'warning', 'info', 'hint'] as const;
export type Severity = (typeof severities)[number];

export interface Position {
	line: number;
	character: number;
}

export interface Range {
	start: Position;
	end: Position;
}

export interface TextEdit {
	range: Range;
	newText: string;
}

export interface Fix {
	title: string;
	edits: TextEdit[];
}

export interface Finding {
	ruleId: string;
	category: Category;
	severity: Severity;
	message: string;
	/** The flagged source text, exactly as it stands in the draft (line breaks included). */
	text: string;
	range: Range;
	/** The first fix is the preferred one; `certain` says whether it may be applied unasked. */
	fixes: Fix[];
	certain: boolean;
	/** UTF-16 offsets into the source, the same span as `range`. */
	offset: { start: number; end: number };
}

/** A problem with a rule or config file, located so that an editor can show it on the file. */
export interface ConfigProblem {
	file: string;
	line: number; // 1-based; 0 when the whole file is concerned
	column: number; // 1-based
	message: string;
	/** A warning (an old spelling still read) does not stop a run; every other problem does. */
	severity?: 'warning';
}

/** Whether a problem stops a command-line run (a warning does not). */
export const stopsRun = (p: ConfigProblem): boolean => p.severity !== 'warning';

/** A word of a text as the segmenter cuts it, with UTF-16 offsets and jieba's part-of-speech tag. */
export interface Word {
	start: number;
	end: number;
	word: string;
	tag?: string;
}
