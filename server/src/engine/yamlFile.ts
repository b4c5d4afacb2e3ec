import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { compiledCopy, type CompiledYaml, locateIn } from './compiledYaml';
import { closest } from './editDistance';
import type { ConfigProblem } from './types';
import { keyOffset, parseYamlText } from './yamlText';

// YAML files the user writes (rules, config) are parsed with positions kept, validated
// against their JSON Schema, and every problem is reported with its file and line: each
// unknown key on its own line, with the nearest allowed key as a suggestion. The schema is
// the one list of what is allowed.

export interface LoadedYaml {
	value: unknown;
	/** 1-based line and column of the node at a path, for errors found after validation. */
	locate(path: (string | number)[]): { line: number; column: number };
	/** Where the key at a path is written (the key itself, not its value); locate's answer when unknown. */
	locateKey(path: (string | number)[]): { line: number; column: number };
}

export interface ParseOptions {
	/** The build's compiled copy of the shipped files (see compiledYaml), consulted for a shipped file. */
	compiled?: string;
	/**
	 * A top-level list whose entries are judged one by one: an entry that breaks the schema is
	 * reported and listed in `broken`, and the rest of the file loads.
	 */
	entries?: string;
	/** How an entry is named in its problems (default: its `id`, or its place). */
	entryName?: (entry: Record<string, unknown> | undefined, index: number) => string;
}

const ruleName = (entry: Record<string, unknown> | undefined, index: number) => (typeof entry?.id === 'string' ? `规则 ${entry.id}` : `第 ${index + 1} 条规则`);

export interface ParsedFile {
	/** The file's value, when it is usable: valid, or valid but for the `broken` entries. */
	loaded?: LoadedYaml;
	/** The value as parsed, valid or not (for checks that find every problem at once). */
	parsed?: LoadedYaml;
	problems: ConfigProblem[];
	/** Indexes of the `entries` list left out for their problems. */
	broken: Set<number>;
	/** True when the value is the build's compiled copy, validated by the build. */
	fromCopy?: boolean;
}

// Created on first use: the shipped rules come validated from the build (compiledYaml).
let ajv: AjvClass | undefined;
const validators = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
	let v = validators.get(schema);
	if (!v) {
		if (!ajv) {
			const Ajv = require('ajv') as { default: typeof AjvClass };
			ajv = new Ajv.default({ allErrors: true, strict: false });
		}
		v = ajv.compile(schema);
		validators.set(schema, v);
	}
	return v;
}

const typeNames: Record<string, string> = {
	object: '“键: 值”的映射',
	array: '列表',
	string: '文字',
	number: '数字',
	integer: '整数',
	boolean: ' true 或 false',
	null: '空值',
};

/** The part of `schema` a JSON pointer (`#/properties/x/...`) names. */
function schemaAt(schema: object, pointer: string): Record<string, unknown> | undefined {
	let node: unknown = schema;
	for (const part of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
		if (!node || typeof node !== 'object') return undefined;
		node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
	}
	return node && typeof node === 'object' ? (node as Record<string, unknown>) : undefined;
}

const suggestion = (word: string, allowed: unknown): string => {
	const near = closest(word, Array.isArray(allowed) ? allowed.map(String) : []);
	return near ? `。您是否想写“${near}”？` : '';
};

function describe(error: ErrorObject, schema: object): string {
	const params = error.params as Record<string, unknown>;
	switch (error.keyword) {
		case 'additionalProperties': {
			const key = String(params.additionalProperty);
			const owner = schemaAt(schema, error.schemaPath.replace(/\/additionalProperties$/, ''));
			const allowed = Object.keys((owner?.properties as object | undefined) ?? {});
			return `不认识的字段“${key}”${suggestion(key, allowed) || (allowed.length ? `（可用：${allowed.join('、')}）` : '')}`;
		}
		case 'propertyNames': {
			const key = String(params.propertyName);
			const allowed = schemaAt(schema, error.schemaPath)?.enum;
			return `不认识的键“${key}”${suggestion(key, allowed) || (Array.isArray(allowed) ? `（可用：${allowed.join('、')}）` : '')}`;
		}
		case 'required':
			return `缺少必填字段“${String(params.missingProperty)}”`;
		case 'enum': {
			const allowed = (params.allowedValues as unknown[] | undefined) ?? [];
			return `取值应为：${allowed.join('、')}`;
		}
		case 'type':
			return `应为${String(params.type)
				.split(',')
				.map((t) => typeNames[t] ?? t)
				.join('或')}`;
		case 'pattern':
			return `格式不符（应匹配 ${String(params.pattern)}）`;
		case 'minItems':
			return `至少要有 ${String(params.limit)} 项`;
		case 'minLength':
			return '不能为空';
		default:
			return error.message ?? error.keyword;
	}
}

/**
 * The problems of a value that must fit `schema` (a kind's parameters), each with the path
 * it concerns. A schema node may carry its own message (`errorMessage`): the nearest one
 * above the failing keyword is used, else the generic description.
 */
export function valueProblems(schema: object, value: unknown): { path: (string | number)[]; message: string }[] {
	const validate = validatorFor(schema);
	if (validate(value)) return [];
	const seen = new Set<string>();
	const out: { path: (string | number)[]; message: string }[] = [];
	for (const e of validate.errors ?? []) {
		if (e.keyword === 'anyOf' || e.keyword === 'oneOf' || e.keyword === 'if') continue;
		const params = e.params as Record<string, unknown>;
		const path = instancePath(e);
		const pointer = e.schemaPath.split('/');
		if (e.keyword === 'required') {
			path.push(String(params.missingProperty));
			pointer.splice(-1, 1, 'properties', String(params.missingProperty), 'x');
		}
		if (seen.has(path.join('/'))) continue;
		seen.add(path.join('/'));
		let own: unknown;
		for (let n = pointer.length - 1; n > 0 && own === undefined; n--) own = schemaAt(schema, pointer.slice(0, n).join('/'))?.errorMessage;
		out.push({ path, message: typeof own === 'string' ? own : `${shownPath(path)}：${describe(e, schema)}` });
	}
	return out;
}

/** The path of the value an error concerns: ['rules', 3, 'severity']. */
function instancePath(e: ErrorObject): (string | number)[] {
	return e.instancePath
		.split('/')
		.slice(1)
		.map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
}

/** A data path as written in the file: rules[3].severity. */
function shownPath(path: (string | number)[]): string {
	return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** A compiled copy as parsing would give it: a fresh value each time (callers may change it). */
export function loadedCopy(copy: CompiledYaml): LoadedYaml {
	const locate = (path: (string | number)[]) => locateIn(copy, path);
	return { value: JSON.parse(copy.json) as unknown, locate, locateKey: locate };
}

/** Reports the schema's complaints, each at its own place; an entry of `entries` is named by its id. */
function schemaProblems(
	errors: ErrorObject[],
	file: string,
	schema: object,
	loaded: LoadedYaml,
	options: ParseOptions,
	broken: Set<number>,
): { problems: ConfigProblem[]; fatal: boolean } {
	const { entries, entryName = ruleName } = options;
	// oneOf failures repeat themselves once per branch: one message per place (a key, or a value).
	const seen = new Set<string>();
	const problems: ConfigProblem[] = [];
	let fatal = false;
	for (const e of errors) {
		if (e.keyword === 'oneOf' || e.keyword === 'if') continue;
		const path = instancePath(e);
		const params = e.params as Record<string, unknown>;
		const key = params.additionalProperty ?? params.propertyName;
		const place = `${e.instancePath}\u0000${key === undefined ? '' : String(key)}`;
		if (seen.has(place) || (e.keyword === 'enum' && e.propertyName !== undefined)) continue;
		seen.add(place);
		const where = key !== undefined ? loaded.locateKey([...path, String(key)]) : loaded.locate(path);
		const entry = entries !== undefined && path[0] === entries && typeof path[1] === 'number' ? path[1] : undefined;
		let message = `${path.length ? `${shownPath(path)}：` : ''}${describe(e, schema)}`;
		if (entry === undefined) {
			fatal = true;
		} else {
			broken.add(entry);
			const item = (loaded.value as Record<string, unknown[]>)[entries!][entry] as Record<string, unknown> | undefined;
			const rest = shownPath(path.slice(2));
			message = `${entryName(item, entry)}：${rest ? `${rest}：` : ''}${describe(e, schema)}（此条未加载，同一文件的其他条目照常使用）`;
		}
		problems.push({ file, ...where, message });
	}
	return { problems, fatal };
}

/** Parses and validates one YAML file; see ParseOptions. */
export function parseYaml(text: string, file: string, schema: object, options: ParseOptions = {}): ParsedFile {
	const broken = new Set<number>();
	const copy = options.compiled ? compiledCopy(file, text, options.compiled) : undefined;
	if (copy) {
		const loaded = loadedCopy(copy);
		return { loaded, parsed: loaded, problems: [], broken, fromCopy: true };
	}
	const parsed = parseYamlText(text, file);
	if (parsed.problems.length) {
		return { problems: parsed.problems, broken };
	}
	const { doc, at } = parsed;
	// An empty file (or one of comments only) is an empty map: an empty config sets nothing.
	const value = parsed.value ?? {};
	const locate = (path: (string | number)[]) => {
		for (let n = path.length; n >= 0; n--) {
			const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
			if (node && typeof node === 'object' && node.range) {
				return at(node.range[0]);
			}
		}
		return { line: 1, column: 1 };
	};
	const locateKey = (path: (string | number)[]) => {
		const offset = keyOffset(doc, path);
		return offset === undefined ? locate(path) : at(offset);
	};
	const loaded: LoadedYaml = { value, locate, locateKey };
	const validate = validatorFor(schema);
	let valid: boolean;
	try {
		valid = validate(value) as boolean;
	} catch (err) {
		return {
			problems: [{ file, line: 1, column: 1, message: `无法校验：${(err as Error).name === 'RangeError' ? '嵌套过深' : (err as Error).message}` }],
			broken,
		};
	}
	if (valid) {
		return { loaded, parsed: loaded, problems: [], broken };
	}
	const { problems, fatal } = schemaProblems(validate.errors ?? [], file, schema, loaded, options, broken);
	return fatal ? { parsed: loaded, problems, broken: new Set() } : { loaded, parsed: loaded, problems, broken };
}
