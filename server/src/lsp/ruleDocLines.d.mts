/** Line (1-based) of each `### ` heading of a UTF-8 Markdown file, by its text (see ruleDocLines.mjs). */
export function headingLines(bytes: Uint8Array): Record<string, number>;
/** The file the build writes beside the bundle: { size, mtimeMs, lines }. */
export const docLinesFile: string;
