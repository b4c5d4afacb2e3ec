import type { Category, Severity } from './types';

/** Chinese names of the categories and severities, as readers of reports and docs see them. */
export const categoryNames: Record<Category, string> = {
	political: '政治表述',
	sensitive: '禁用词与慎用词',
	typo: '错别字',
	numeral: '数字用法',
	date: '日期',
	punctuation: '标点符号',
	typography: '空格与字符',
	byline: '署名与电头',
};

export const severityNames: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示', hint: '建议' };
