import { type FileReport, paragraphOf } from './report';

/**
 * The JSON contract: one array of { file, diagnostics }, LSP ranges, UTF-16 characters.
 * Written without indentation, as ESLint's json format is: it is read by programs, and a
 * day's pages give tens of thousands of findings (half the size, half the time to write).
 * A Word document has `kind: "docx"`: its line n is paragraph n (0-based, in document
 * order), and each finding carries its paragraph's number as shown (段 n, 1-based) and text.
 */
export function formatJson(reports: FileReport[]): string {
	return (
		JSON.stringify(
			reports.map((r) => ({
				file: r.file,
				...(r.kind ? { kind: r.kind } : {}),
				...(r.skipped ? { skipped: r.skipped } : {}),
				diagnostics: r.diagnostics.map((d) => {
					const paragraph = paragraphOf(r, d);
					return {
						ruleId: d.ruleId,
						category: d.category,
						severity: d.severity,
						message: d.message,
						text: d.text,
						range: d.range,
						fixes: d.fixes,
						...(paragraph ? { paragraph } : {}),
					};
				}),
			})),
		) + '\n'
	);
}
