// The dictionary formats as cppjieba reads them, checked line by line: where its C++ would
// stop (a failed check ends the module) or misread a line, the first such line is reported
// with its number, so that a broken dictionary names the file and line to fix.

export interface LineProblem {
	line: number;
	message: string;
}

/** limonp's Split: every piece between separators, except that a trailing separator adds none. */
export function splitLikeJieba(text: string, separators: string): string[] {
	const out: string[] = [];
	let start = 0;
	while (start < text.length) {
		let end = start;
		while (end < text.length && !separators.includes(text[end])) end++;
		out.push(text.slice(start, end));
		if (end === text.length) break;
		start = end + 1;
	}
	return out;
}

/** Characters that jieba cuts at before looking words up: a word holding one is never found whole. */
const separators = /[ \t\n，。]/;
/** cppjieba looks words up to this many characters long. */
const maxWordLength = 512;

/**
 * Why jieba cannot keep `word` whole as a dictionary word (a house word from `words:`), or
 * undefined when it can.
 */
export function wordProblem(word: string): string | undefined {
	if (!word.length) return '词为空';
	if (separators.test(word)) return `“${word}”含空白或“，”“。”，分词时不会被当作一个词`;
	if (/[\ud800-\udfff]/u.test(word)) return `“${word}”含不成对的代理项，无法转为 UTF-8`;
	if ([...word].length > maxWordLength) return `“${word.slice(0, 20)}…”超过 ${maxWordLength} 字，分词时查不到`;
	return undefined;
}

/** Lines of a file as C++ getline yields them: a final newline starts no further line. */
function linesOf(bytes: Uint8Array): { text?: string; line: number }[] {
	const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
	const out: { text?: string; line: number }[] = [];
	let start = 0;
	for (let line = 1; start < bytes.length; line++) {
		let end = bytes.indexOf(0x0a, start);
		if (end < 0) end = bytes.length;
		let text: string | undefined;
		try {
			text = decoder.decode(bytes.subarray(start, end));
		} catch {
			text = undefined;
		}
		out.push({ text, line });
		start = end + 1;
	}
	return out;
}

const notUtf8 = '不是有效的 UTF-8';
const positive = (s: string) => {
	const n = Number.parseFloat(s);
	return Number.isFinite(n) && n > 0;
};

/** jieba.dict.utf8: “词 词频 词性” on every line. */
function mainDictionary(bytes: Uint8Array): LineProblem | undefined {
	const lines = linesOf(bytes);
	if (!lines.length) return { line: 1, message: '词典为空' };
	for (const { text, line } of lines) {
		if (text === undefined) return { line, message: notUtf8 };
		const columns = splitLikeJieba(text, ' ');
		if (columns.length !== 3) return { line, message: `应为“词 词频 词性”三列，以单个空格分隔，实为 ${columns.length} 列` };
		if (!columns[0]) return { line, message: '词为空' };
		if (!positive(columns[1])) return { line, message: `词频“${columns[1]}”不是正数` };
	}
	return undefined;
}

/** A user dictionary (house terms): “词”, “词 词性” or “词 词频 词性”; empty lines are skipped. */
export function userDictionary(bytes: Uint8Array): LineProblem | undefined {
	for (const { text, line } of linesOf(bytes)) {
		if (text === undefined) return { line, message: notUtf8 };
		if (!text) continue;
		const columns = splitLikeJieba(text, ' ');
		if (columns.length > 3) return { line, message: `应为“词”“词 词性”或“词 词频 词性”，以单个空格分隔，实为 ${columns.length} 列` };
		if (!columns[0]) return { line, message: '词为空' };
		if (columns.length === 3 && !(Number.parseInt(columns[1], 10) > 0)) return { line, message: `词频“${columns[1]}”不是正整数` };
	}
	return undefined;
}

/** hmm_model.utf8: a start line and four transition lines of four numbers, then four emission lines. */
function hmmModel(bytes: Uint8Array): LineProblem | undefined {
	let seen = 0;
	let last = 0;
	for (const { text, line } of linesOf(bytes)) {
		last = line;
		if (text === undefined) return { line, message: notUtf8 };
		const trimmed = text.trim();
		if (!trimmed || trimmed.startsWith('#')) continue;
		if (seen < 5) {
			const columns = splitLikeJieba(trimmed, ' ');
			if (columns.length !== 4) return { line, message: `应为四个以空格分隔的概率，实为 ${columns.length} 个` };
		} else if (seen < 9) {
			for (const pair of splitLikeJieba(trimmed, ',')) {
				const parts = splitLikeJieba(pair, ':');
				if (parts.length !== 2 || [...parts[0]].length !== 1) return { line, message: `发射概率“${pair}”应为“字:概率”` };
			}
		}
		seen++;
	}
	return seen < 9 ? { line: last + 1, message: `模型不完整：应有 9 行数据，只有 ${seen} 行` } : undefined;
}

/** idf.utf8 and stop_words.utf8 (unused, but read): at least one line, all UTF-8. */
function nonEmpty(bytes: Uint8Array): LineProblem | undefined {
	const lines = linesOf(bytes);
	if (!lines.length) return { line: 1, message: '文件为空' };
	const bad = lines.find((l) => l.text === undefined);
	return bad && { line: bad.line, message: notUtf8 };
}

const checks: Record<string, (bytes: Uint8Array) => LineProblem | undefined> = {
	'jieba.dict.utf8': mainDictionary,
	'hmm_model.utf8': hmmModel,
	'user.dict.utf8': userDictionary,
	'idf.utf8': nonEmpty,
	'stop_words.utf8': nonEmpty,
};

/** The first line of the dictionary file `name` that jieba cannot read, or undefined. */
export function dictionaryProblem(name: string, bytes: Uint8Array): LineProblem | undefined {
	return checks[name]?.(bytes);
}
