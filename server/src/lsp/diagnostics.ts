import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { ConfigProblem, Finding, Severity } from '../engine';
import { builtLines, docLinesFile, headingLines } from './ruleDocLines.mjs';

const severityMap: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

const ruleReference = join(__dirname, '..', 'docs', 'rules.md');
let headings: Record<string, number> | undefined;
let referenceHref: string | undefined;

/** The heading lines of the reference: the build's copy when the reference is the file it read, else read now. */
function readHeadings(): Record<string, number> {
	let bytes: Buffer;
	try {
		bytes = readFileSync(ruleReference);
	} catch {
		// No reference shipped: the link opens the file.
		return {};
	}
	try {
		const built = JSON.parse(readFileSync(join(__dirname, docLinesFile), 'utf8')) as { size: number; places: Record<string, [number, number]> };
		const lines = builtLines(bytes, built);
		if (lines) return lines;
	} catch {
		// Not built, or written by an older build: read the reference.
	}
	return headingLines(bytes);
}

/**
 * The rule's entry in the reference shipped beside the bundle (docs/rules.md), as a link to
 * its line: VS Code opens a file at `#L<line>`, not at a Markdown anchor.
 */
export function ruleDocUri(ruleId: string): string {
	headings ??= readHeadings();
	referenceHref ??= pathToFileURL(ruleReference).href;
	const line = Object.hasOwn(headings, ruleId) ? headings[ruleId] : undefined;
	return `${referenceHref}${line ? `#L${line}` : ''}`;
}

export function toDiagnostic(f: Finding): Diagnostic {
	return {
		range: f.range,
		severity: severityMap[f.severity],
		code: f.ruleId,
		codeDescription: { href: ruleDocUri(f.ruleId) },
		source: 'newsproof',
		message: f.message,
	};
}

export function problemToDiagnostic(p: ConfigProblem): Diagnostic {
	const line = Math.max(0, p.line - 1);
	const character = Math.max(0, p.column - 1);
	return {
		range: { start: { line, character }, end: { line, character: character + 1 } },
		severity: p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
		code: 'newsproof-config',
		source: 'newsproof',
		message: p.message,
	};
}
