import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Diagnostic, DiagnosticSeverity } from 'vscode-languageserver';
import type { ConfigProblem, Finding, Severity } from '../engine';

const severityMap: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	info: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

const ruleReference = join(__dirname, '..', 'docs', 'rules.md');
let headingLines: Map<string, number> | undefined;

/**
 * The rule's entry in the reference shipped beside the bundle (docs/rules.md), as a link to
 * its line: VS Code opens a file at `#L<line>`, not at a Markdown anchor.
 */
export function ruleDocUri(ruleId: string): string {
	if (!headingLines) {
		headingLines = new Map();
		try {
			readFileSync(ruleReference, 'utf8')
				.split('\n')
				.forEach((line, i) => line.startsWith('### ') && headingLines!.set(line.slice(4).trim(), i + 1));
		} catch {
			// No reference shipped: the link opens the file.
		}
	}
	const line = headingLines.get(ruleId);
	return `${pathToFileURL(ruleReference).href}${line ? `#L${line}` : ''}`;
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
		severity: DiagnosticSeverity.Error,
		code: 'newsproof-config',
		source: 'newsproof',
		message: p.message,
	};
}
