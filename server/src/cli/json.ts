import type { FileReport } from './report';

/**
 * The JSON contract: one array of { file, diagnostics }, LSP ranges, UTF-16 characters.
 * Written without indentation, as ESLint's json format is: it is read by programs, and a
 * day's pages give tens of thousands of findings (half the size, half the time to write).
 */
export function formatJson(reports: FileReport[]): string {
	return (
		JSON.stringify(
			reports.map((r) => ({
				file: r.file,
				...(r.skipped ? { skipped: r.skipped } : {}),
				diagnostics: r.diagnostics.map((d) => ({
					ruleId: d.ruleId,
					category: d.category,
					severity: d.severity,
					message: d.message,
					text: d.text,
					range: d.range,
					fixes: d.fixes,
				})),
			})),
		) + '\n'
	);
}
