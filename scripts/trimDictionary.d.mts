/** The `words` most frequent entries of jieba's dictionary, in jieba's own line format. */
export function trimDictionary(full: string, words: number): string;
