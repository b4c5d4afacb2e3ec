import type { FileReport } from './report';

/** The JSON contract: one array of { file, diagnostics }, LSP ranges, UTF-16 characters. */
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
			null,
			2,
		) + '\n'
	);
}
