import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { compiledCopy, type CompiledYaml, locateIn } from './compiledYaml';
import type { ConfigProblem } from './types';

// YAML files the user writes (rules, config) are parsed with positions kept, validated
// against their JSON Schema, and every problem is reported with its file and line.

export interface LoadedYaml {
	value: unknown;
	/** 1-based line and column of the node at a path, for errors found after validation. */
	locate(path: (string | number)[]): { line: number; column: number };
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

function describe(error: ErrorObject): string {
	switch (error.keyword) {
		case 'additionalProperties':
			return `不认识的字段“${(error.params as { additionalProperty: string }).additionalProperty}”`;
		case 'required':
			return `缺少必填字段“${(error.params as { missingProperty: string }).missingProperty}”`;
		case 'enum':
			return `取值应为：${((error.params as { allowedValues: unknown[] }).allowedValues ?? []).join('、')}`;
		case 'type':
			return `类型应为 ${(error.params as { type: string }).type}`;
		case 'pattern':
			return `格式不符（应匹配 ${(error.params as { pattern: string }).pattern}）`;
		default:
			return error.message ?? error.keyword;
	}
}

/** A compiled copy as parsing would give it: a fresh value each time (callers may change it). */
export function loadedCopy(copy: CompiledYaml): LoadedYaml {
	return { value: JSON.parse(copy.json) as unknown, locate: (path) => locateIn(copy, path) };
}

/**
 * `compiled`: the build's compiled copy of the shipped files (see compiledYaml), consulted for
 * a shipped file; a copy whose hash matches was parsed and validated at build time.
 */
export function parseYaml(text: string, file: string, schema: object, compiled?: string): { loaded?: LoadedYaml; problems: ConfigProblem[] } {
	const copy = compiled ? compiledCopy(file, text, compiled) : undefined;
	if (copy) {
		return { loaded: loadedCopy(copy), problems: [] };
	}
	const lineCounter = new LineCounter();
	const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
	const at = (offset: number) => {
		const pos = lineCounter.linePos(offset);
		return { line: pos.line, column: pos.col };
	};
	if (doc.errors.length) {
		return {
			problems: doc.errors.map((e) => ({ file, ...at(e.pos[0]), message: `YAML 语法错误：${e.message.split('\n')[0]}` })),
		};
	}
	const value = doc.toJS();
	const locate = (path: (string | number)[]) => {
		for (let n = path.length; n >= 0; n--) {
			const node = doc.getIn(path.slice(0, n), true);
			if (isNode(node) && node.range) {
				return at(node.range[0]);
			}
		}
		return { line: 1, column: 1 };
	};
	const validate = validatorFor(schema);
	if (!validate(value)) {
		// oneOf failures repeat themselves once per branch; keep the most specific message per path.
		const seen = new Set<string>();
		const problems: ConfigProblem[] = [];
		for (const e of validate.errors ?? []) {
			if (e.keyword === 'oneOf' || e.keyword === 'if') {
				continue;
			}
			const path = e.instancePath.split('/').slice(1).map((s) => (/^\d+$/.test(s) ? Number(s) : s.replace(/~1/g, '/').replace(/~0/g, '~')));
			const key = e.instancePath;
			if (seen.has(key)) {
				continue;
			}
			seen.add(key);
			problems.push({ file, ...locate(path), message: `${e.instancePath || '/'}：${describe(e)}` });
		}
		return { problems };
	}
	return { loaded: { value, locate }, problems: [] };
}
