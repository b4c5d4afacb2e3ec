import { type Category, categories, type ConfigProblem, type Finding, type Severity, severities } from '../engine';

// What the CLI knows about one file after linting it, shared by every output format and
// passed back from the worker threads (so it holds plain data only).

export interface FileReport {
	file: string;
	diagnostics: Finding[];
	/** Characters that are not white space: the base of "findings per 10,000 characters". */
	characters: number;
	/** Why the file was not linted (unreadable, binary, undecodable). */
	skipped?: string;
	/** The decoded text, kept when a format shows the source (stylish, html). */
	source?: string;
	encoding?: string;
	/** A Word document: line n of `source` is its paragraph n (shown as 段 n+1). */
	kind?: 'docx';
	/** What --fix did or would do. */
	fix?: FixOutcome;
}

export interface FixOutcome {
	/** Fixes applied, over all passes. */
	applied: number;
	written: boolean;
	/** Unified diff, for --fix-dry-run. */
	diff?: string;
	/** Why the corrected text was not written. */
	error?: string;
	/** A Word document: the revised copy written (NAME.newsproof.docx, or the document itself with --fix-in-place). */
	writtenTo?: string;
	/** A Word document: tracked changes and comments in the revised copy. */
	changes?: number;
	comments?: number;
}

export { categoryNames, severityNames } from '../engine';

/**
 * Text from drafts, file names and messages as a terminal may show it: control characters
 * (escape sequences, a carriage return, a newline inside a file name), C1 controls and the
 * bidirectional overrides that reorder what a reader sees are written as visible escapes.
 */
export function terminalSafe(text: string): string {
	return text.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
		const code = c.charCodeAt(0);
		return code < 0x100 ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
	});
}

/** Code points that are not white space (JavaScript's \s), counted without a regular expression per character. */
export function countCharacters(text: string): number {
	let n = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c >= 0xdc00 && c <= 0xdfff) continue; // the second half of a surrogate pair
		if (
			(c >= 9 && c <= 13) ||
			c === 32 ||
			c === 0xa0 ||
			c === 0x1680 ||
			(c >= 0x2000 && c <= 0x200a) ||
			c === 0x2028 ||
			c === 0x2029 ||
			c === 0x202f ||
			c === 0x205f ||
			c === 0x3000 ||
			c === 0xfeff
		)
			continue;
		n++;
	}
	return n;
}

export interface Totals {
	bySeverity: Record<Severity, number>;
	byCategory: Record<Category, number>;
	findings: number;
	characters: number;
	files: number;
	filesWithFindings: number;
	skipped: number;
	/** Findings per 10,000 characters, one decimal. */
	rate: string;
}

export function totalsOf(reports: FileReport[]): Totals {
	const bySeverity = Object.fromEntries(severities.map((s) => [s, 0])) as Record<Severity, number>;
	const byCategory = Object.fromEntries(categories.map((c) => [c, 0])) as Record<Category, number>;
	let characters = 0;
	let findings = 0;
	let filesWithFindings = 0;
	let skipped = 0;
	for (const r of reports) {
		characters += r.characters;
		if (r.skipped) skipped++;
		if (r.diagnostics.length) filesWithFindings++;
		for (const d of r.diagnostics) {
			bySeverity[d.severity]++;
			byCategory[d.category]++;
			findings++;
		}
	}
	return {
		bySeverity,
		byCategory,
		findings,
		characters,
		files: reports.length,
		filesWithFindings,
		skipped,
		rate: rateOf(findings, characters),
	};
}

export function rateOf(findings: number, characters: number): string {
	return characters ? ((findings * 10000) / characters).toFixed(1) : '0.0';
}

/** Which findings a run reports and fixes: --rule, --category and --quiet. */
export interface FindingFilter {
	/** Rule ids or id prefixes (SPC, POL-501). */
	rules: string[];
	categories: Category[];
	/** Errors only. */
	quiet: boolean;
}

export function selects(filter: FindingFilter, f: Pick<Finding, 'ruleId' | 'category' | 'severity'>): boolean {
	if (filter.quiet && f.severity !== 'error') return false;
	if (filter.categories.length && !filter.categories.includes(f.category)) return false;
	if (filter.rules.length && !filter.rules.some((r) => f.ruleId.startsWith(r))) return false;
	return true;
}

const linesOf = new WeakMap<FileReport, string[]>();

/**
 * A Word finding's paragraph: its number as shown (段 n, 1-based) and its text; undefined
 * for a text draft. Lines of a Word document's text are its paragraphs.
 */
export function paragraphOf(r: FileReport, d: Pick<Finding, 'range'>): { number: number; text: string } | undefined {
	if (r.kind !== 'docx' || r.source === undefined) return undefined;
	let lines = linesOf.get(r);
	if (!lines) linesOf.set(r, (lines = r.source.split('\n')));
	return { number: d.range.start.line + 1, text: lines[d.range.start.line] ?? '' };
}

/** Where a finding is, as the formats for people show it: 12:5, or 段 12:5 in a Word document. */
export function placeOf(r: FileReport, d: Pick<Finding, 'range'>): string {
	return `${r.kind === 'docx' ? '段 ' : ''}${d.range.start.line + 1}:${d.range.start.character + 1}`;
}

// What one file's job is asked to do and gives back, the same in the main thread, a worker
// thread, and for text and Word drafts alike.

export type FixMode = 'none' | 'write' | 'dry-run';

export interface JobOptions {
	configFile?: string;
	maxFindings: number;
	fix: FixMode;
	filter: FindingFilter;
	/** Keep the decoded text in the report (stylish and html show it). */
	keepSource: boolean;
	/** A Word document's fixes go into the document itself, not into NAME.newsproof.docx. */
	fixInPlace?: boolean;
}

export interface JobResult {
	report: FileReport;
	problems: ConfigProblem[];
	segmenterError?: string;
	modelError?: string;
}
