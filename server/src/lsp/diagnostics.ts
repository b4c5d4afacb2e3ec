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

/** The rule reference shipped beside the bundle (docs/rules.md), one anchor per rule. */
export function ruleDocUri(ruleId: string): string {
	return `${pathToFileURL(join(__dirname, '..', 'docs', 'rules.md')).href}#${ruleId.toLowerCase()}`;
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
