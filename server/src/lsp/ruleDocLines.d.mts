/** Line (1-based) and byte offset of each `### ` heading of a UTF-8 Markdown file, by its text (see ruleDocLines.mjs). */
export function headingPlaces(bytes: Uint8Array): Record<string, [number, number]>;
/** Line (1-based) of each `### ` heading of a UTF-8 Markdown file, by its text. */
export function headingLines(bytes: Uint8Array): Record<string, number>;
/** The lines the build wrote, when the file has the same size and every heading at its offset; else undefined. */
export function builtLines(bytes: Uint8Array, built: { size: number; places: Record<string, [number, number]> }): Record<string, number> | undefined;
/** The file the build writes beside the bundle: { size, places }. */
export const docLinesFile: string;
