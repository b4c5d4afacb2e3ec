import { type Document, isAlias, isCollection, isMap, isNode, isPair, isScalar, LineCounter, type Node, parseDocument, visit, type YAMLError } from 'yaml';
import type { ConfigProblem } from './types';

// YAML text from a workspace (config, rule, people and ignore files) to a value, or to
// problems in Chinese, each on the line where the mistake is: an unclosed bracket or quote
// is reported where it opens, not at the end of the file where the parser gave up. Aliases
// are weighed before any value is built: a "billion laughs" document (aliases of aliases)
// is refused at the alias that explodes, never expanded.

export interface ParsedYaml {
	doc: Document.Parsed;
	/** 1-based line and column of a character offset. */
	at(offset: number): { line: number; column: number };
	/** The document's value; undefined when there are problems. */
	value?: unknown;
	problems: ConfigProblem[];
	/** Values the document stands for, each alias counted as what it expands to: the work its value costs. */
	size: number;
}

/** How many values a document may stand for beyond its own length: room for a few honest aliases. */
export const aliasAllowance = 10000;

/** Documents parsed and values built from them (aliases counted as what they expand to), for the loader fuzz test's budget. */
export const yamlStats = { documents: 0, values: 0 };

/** Chinese for the parser's messages, most specific first; `$1` is taken from the match. */
const messages: [RegExp, string][] = [
	[/^Flow sequence in block collection must be sufficiently indented and end with a \]/, '方括号“[”没有配对的“]”（或下一行缩进不足）'],
	[/^Flow map in block collection must be sufficiently indented and end with a \}/, '花括号“{”没有配对的“}”（或下一行缩进不足）'],
	[/^All mapping items must start at the same column/, '同一层的键应从同一列开始'],
	[/^All sequence items must start at the same column/, '同一层的列表项（-）应从同一列开始'],
	[/^Missing closing "quote/, '双引号“"”没有配对的结束引号'],
	[/^Missing closing 'quote/, "单引号“'”没有配对的结束引号"],
	[/^Missing , or : between (.*) items/, '各项之间缺少逗号或冒号'],
	[/^Missing , between (.*) items/, '各项之间缺少逗号'],
	[/^Missing space after : in/, '冒号后面缺少空格'],
	[/^Implicit map keys need to be followed by map values/, '键后面缺少冒号和值（“键: 值”）'],
	[/^Sequence item without - indicator/, '列表项缺少“- ”'],
	[/^Comments must be separated from other tokens by white space/, '注释符号“#”前面要有空格'],
	[/^Nested mappings are not allowed in compact mappings/, '一行里有两个“键: 值”；值里有冒号时请给值加引号'],
	[/^A block sequence may not be used as an implicit map key/, '列表不能用作键'],
	[/^Implicit keys (?:of flow sequence pairs )?need to be on a single line/, '键不能跨行（值里有冒号时请加引号）'],
	[/^Tabs are not allowed as indentation/, '不能用制表符（Tab）缩进，请改用空格'],
	[/^Map keys must be unique/, '键重复'],
	[/^Maximum call stack size exceeded/, '嵌套过深'],
	[/^Source contains multiple documents/, '一个文件只能有一个 YAML 文档（不要用“---”分隔）'],
	[/^Plain value cannot start with (.*)/, '值不能以 $1 开头，请给值加引号'],
	[/^Invalid escape sequence (.*)/, '双引号字符串中的转义 $1 无效'],
	[/^Unresolved tag: (?:tag:yaml\.org,2002:)?(.*)/, '不支持的标签 !!$1'],
	[/^A node can have at most one anchor/, '一个值只能有一个锚点（&）'],
	[/^A node can have at most one tag/, '一个值只能有一个标签（!）'],
	[/^An alias node must not specify any properties/, '别名（*）不能带锚点或标签'],
	[/^(?:Alias|Anchor) cannot be an empty string/, '锚点（&）或别名（*）缺少名字'],
	[/^(?:Alias|Anchor) ending in : is ambiguous/, '锚点或别名不能以冒号结尾'],
	[/^Unexpected , in/, '多余的逗号'],
	[/^Unexpected empty item in/, '空的列表项（两个逗号之间没有值）'],
	[/^Unexpected (.{1,3}) in/, '此处不应出现“$1”'],
	[/^Block scalar header includes extra characters/, '“|”或“>”后面有多余的字符'],
	[/^The : indicator must be at most 1024 chars/, '键过长（超过 1024 个字符）'],
	[/^Anchors and tags must be after the/, '锚点和标签应写在值的前面'],
];

const byCode: Partial<Record<YAMLError['code'], string>> = {
	BAD_INDENT: '缩进有误',
	MISSING_CHAR: '缺少必要的字符',
	UNEXPECTED_TOKEN: '此处有多余的内容',
	BAD_DIRECTIVE: '“%”开头的指令有误',
	NON_STRING_KEY: '键应为文字',
	BLOCK_IN_FLOW: '方括号或花括号内不能用缩进格式',
	BAD_COLLECTION_TYPE: '标签与值的类型不符',
	TAG_RESOLVE_FAILED: '标签无法识别',
};

/** The parser's message in Chinese. */
export function chineseYamlMessage(error: Pick<YAMLError, 'code' | 'message'>): string {
	const first = error.message.split('\n')[0];
	for (const [pattern, chinese] of messages) {
		const m = pattern.exec(first);
		if (m) return chinese.replace('$1', m[1] ?? '');
	}
	return byCode[error.code] ?? '无法解析';
}

/**
 * Where parse errors belong: an unclosed bracket or quote runs to where the parser gave up,
 * so such an error is moved to the node that opened it (the one ending where the error is).
 * One walk of the document finds them all: a broken file can have hundreds of errors.
 */
function openers(doc: Document.Parsed): Map<number, number> {
	const opened = new Map<number, number>();
	try {
		visit(doc, {
			Node(_key, node) {
				const range = node.range;
				if (!range || range[0] >= range[1]) return;
				if ((isCollection(node) && node.flow) || (isScalar(node) && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE'))) {
					// The innermost node ending there wins: it is visited last.
					opened.set(range[1], range[0]);
				}
			},
		});
	} catch {
		// Nested too deep to walk: the parser's own positions will do.
	}
	return opened;
}

function errorOffset(error: YAMLError, opened: Map<number, number>): number {
	const pos = error.pos[0];
	if (error.code !== 'MISSING_CHAR' && error.code !== 'BAD_INDENT') return pos;
	return opened.get(pos) ?? pos;
}

/** At most this many syntax errors are listed for one file; the rest are counted. */
const maxSyntaxErrors = 20;

/**
 * One walk of the document, before any value is built: what each node stands for once
 * aliases are expanded (memoized, so that a bomb is weighed, never expanded), and keys
 * written twice or written as lists or maps (the parser's own duplicate check compares each
 * key with every other, quadratic in a map's size; a value would stringify a list key).
 */
class Weigher {
	private readonly sizes = new Map<Node, number>();
	private readonly open = new Set<Node>();
	/** An alias without an anchor before it. */
	unresolved?: Node;
	/** An alias inside the value it names (`&a [*a]`): its value would contain itself. */
	circular?: Node;
	readonly badKeys: { offset: number; message: string }[] = [];

	constructor(private readonly doc: Document.Parsed) {}

	size(node: unknown): number {
		if (!isNode(node)) return isPair(node) ? this.size(node.key) + this.size(node.value) : 1;
		const known = this.sizes.get(node);
		if (known !== undefined) return known;
		if (this.open.has(node)) return 1;
		this.open.add(node);
		let size = 1;
		if (isAlias(node)) {
			const target = node.resolve(this.doc);
			if (target && this.open.has(target)) this.circular ??= node;
			else if (target) size = this.size(target);
			else this.unresolved ??= node;
		} else if (isCollection(node)) {
			if (isMap(node)) this.checkKeys(node.items);
			for (const item of node.items) size += this.size(item);
		}
		this.open.delete(node);
		this.sizes.set(node, size);
		return size;
	}

	private checkKeys(pairs: { key: unknown }[]): void {
		const seen = new Set<string>();
		for (const { key } of pairs) {
			if (isCollection(key)) {
				this.badKeys.push({ offset: key.range?.[0] ?? 0, message: '键不能是列表或映射' });
			} else if (isScalar(key)) {
				const name = String(key.value);
				if (seen.has(name)) this.badKeys.push({ offset: key.range?.[0] ?? 0, message: `键“${name}”重复` });
				seen.add(name);
			}
		}
	}
}

/** The alias that stands for the most values (the first of equals). */
function largestAlias(doc: Document.Parsed, weigher: Weigher): { node: Node; size: number; source: string } | undefined {
	let best: { node: Node; size: number; source: string } | undefined;
	visit(doc, {
		Alias(_key, node) {
			const size = weigher.size(node);
			if (!best || size > best.size) best = { node, size, source: node.source };
		},
	});
	return best;
}

const countText = (n: number) => (n >= 1e8 ? `约 ${(n / 1e8).toPrecision(3)} 亿` : n >= 1e4 ? `约 ${Math.round(n / 1e4)} 万` : String(n));

/** Parses YAML text of `file`; problems carry the file and line, in Chinese. */
export function parseYamlText(text: string, file: string): ParsedYaml {
	const lineCounter = new LineCounter();
	const at = (offset: number) => {
		const pos = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
		return { line: pos.line, column: pos.col };
	};
	const problem = (offset: number, message: string): ConfigProblem => ({ file, ...at(offset), message });
	let doc: Document.Parsed;
	try {
		doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
	} catch (err) {
		// The parser's own limits (a nesting too deep for the stack).
		return {
			doc: parseDocument(''),
			at,
			problems: [problem(0, `YAML 无法解析：${(err as Error).name === 'RangeError' ? '嵌套过深' : (err as Error).message}`)],
			size: 0,
		};
	}
	const parseErrors = [...doc.errors, ...doc.warnings];
	if (parseErrors.length) {
		const opened = openers(doc);
		const problems = parseErrors.slice(0, maxSyntaxErrors).map((e) => problem(errorOffset(e, opened), `YAML 语法错误：${chineseYamlMessage(e)}`));
		if (parseErrors.length > maxSyntaxErrors) {
			problems.push(problem(parseErrors[maxSyntaxErrors].pos[0], `YAML 语法错误：另有 ${parseErrors.length - maxSyntaxErrors} 处，未一一列出`));
		}
		return { doc, at, problems, size: 0 };
	}
	const weigher = new Weigher(doc);
	let size: number;
	try {
		size = weigher.size(doc.contents);
	} catch (err) {
		return { doc, at, problems: [problem(0, `YAML 无法解析：${(err as Error).name === 'RangeError' ? '嵌套过深' : (err as Error).message}`)], size: 0 };
	}
	if (weigher.badKeys.length) {
		return { doc, at, problems: weigher.badKeys.slice(0, maxSyntaxErrors).map((k) => problem(k.offset, `YAML 语法错误：${k.message}`)), size: 0 };
	}
	if (weigher.unresolved) {
		const alias = weigher.unresolved as Node & { source?: string };
		return { doc, at, problems: [problem(alias.range?.[0] ?? 0, `YAML 语法错误：别名“*${alias.source}”前面没有对应的锚点“&${alias.source}”`)], size: 0 };
	}
	if (weigher.circular) {
		const alias = weigher.circular as Node & { source?: string };
		return { doc, at, problems: [problem(alias.range?.[0] ?? 0, `YAML 语法错误：别名“*${alias.source}”在它所指的值内部，值将包含它自己`)], size: 0 };
	}
	const limit = aliasAllowance + text.length;
	if (size > limit) {
		const alias = largestAlias(doc, weigher);
		const offset = alias?.node.range?.[0] ?? 0;
		const named = alias ? `别名“*${alias.source}”展开后有${countText(alias.size)}个值，` : '';
		return {
			doc,
			at,
			problems: [problem(offset, `YAML 别名展开过多：${named}全文展开后${countText(size)}个值（上限 ${limit} 个），疑似别名炸弹，未读取此文件`)],
			size,
		};
	}
	try {
		const value: unknown = doc.toJS({ maxAliasCount: -1 });
		yamlStats.documents++;
		yamlStats.values += size;
		return { doc, at, value, problems: [], size };
	} catch (err) {
		return { doc, at, problems: [problem(0, `YAML 无法解析：${(err as Error).name === 'RangeError' ? '嵌套过深' : (err as Error).message}`)], size };
	}
}

/** The offset of the key `path` names (its last part, in its map), for errors about a key itself. */
export function keyOffset(doc: Document.Parsed, path: (string | number)[]): number | undefined {
	const parent = path.length > 1 ? doc.getIn(path.slice(0, -1), true) : doc.contents;
	if (!isMap(parent)) return undefined;
	const last = path[path.length - 1];
	for (const pair of parent.items) {
		const key = pair.key;
		const name = isScalar(key) ? key.value : key;
		if (String(name) === String(last) && isNode(key) && key.range) return key.range[0];
	}
	return undefined;
}
