import type { Kind } from '../rule';

// rules/schema/rules.schema.json, made from the kinds' own parameter schemas (each kind's
// `params`, kinds/support/params.ts). A rule file names the kind of an entry on the entry or
// once for the whole file, so the file's schema lists every parameter of every kind on one
// entry object; the loader then checks each entry against its own kind's schema
// (kindParamProblems). `npm run rules:schema` writes the file; a test fails when the
// committed one differs.

type Json = Record<string, unknown>;

const categories = ['political', 'sensitive', 'typo', 'numeral', 'date', 'punctuation', 'typography', 'byline'];
const severities = ['error', 'warning', 'info', 'hint'];

/** The word that picks a kind's sub-check; `mode` is its old name, still read with a warning. */
export const subCheck = 'check';
export const oldSubCheck = 'mode';

const nonEmpty = { type: 'string', minLength: 1 };

/** What every entry has, whatever its kind. */
const entryProperties: Json = {
	id: { type: 'string', pattern: '^[A-Z][A-Z0-9]*-[A-Z0-9][A-Z0-9-]*$', description: '规则编号，如 TYP-005。' },
	kind: { $ref: '#/definitions/kind' },
	category: { $ref: '#/definitions/category' },
	severity: { $ref: '#/definitions/severity' },
	message: { type: 'string', description: '问题面板中的简短说明，可用 {found}、{replace} 等占位。' },
	explain: { type: 'string', description: '较长的理由说明，进入规则文档。' },
	source: { type: 'array', items: { type: 'string' }, description: '依据（来源键或文献）。' },
	examples: {
		type: 'object',
		additionalProperties: false,
		required: ['bad', 'good'],
		properties: {
			bad: {
				type: 'array',
				minItems: 1,
				items: {
					oneOf: [nonEmpty, { type: 'object', additionalProperties: false, required: ['text'], properties: { text: nonEmpty, fixed: { type: 'string' } } }],
				},
			},
			good: { type: 'array', minItems: 1, items: nonEmpty },
		},
	},
};

/** A schema as plain JSON: TypeBox's symbols and the kind-only keys (errorMessage) left out. */
function plain(schema: unknown): unknown {
	if (Array.isArray(schema)) return schema.map(plain);
	if (!schema || typeof schema !== 'object') return schema;
	const out: Json = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key !== 'errorMessage') out[key] = plain(value);
	}
	return out;
}

/** The alternatives a schema accepts, one level deep (a union's members, or the schema itself). */
function alternatives(schema: Json): Json[] {
	const { description: _d, ...rest } = schema;
	const union = (rest.anyOf ?? rest.oneOf) as Json[] | undefined;
	return union && Object.keys(rest).length === 1 ? union : [rest];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** One parameter as all the kinds that take it declare it: their alternatives, or their words. */
function merged(declared: { kind: string; schema: Json }[]): Json {
	const options: Json[] = [];
	for (const { schema } of declared) {
		for (const alt of alternatives(schema)) if (!options.some((o) => same(o, alt))) options.push(alt);
	}
	const enums = options.every((o) => Array.isArray(o.enum) && Object.keys(o).length === 1);
	const body: Json = enums ? { enum: [...new Set(options.flatMap((o) => o.enum as string[]))] } : options.length === 1 ? options[0] : { anyOf: options };
	// Each kind's description, prefixed with the kinds it belongs to when they differ.
	const notes: { kinds: string[]; text: string }[] = [];
	for (const { kind, schema } of declared) {
		const text = typeof schema.description === 'string' ? schema.description : undefined;
		if (!text) continue;
		const note = notes.find((n) => n.text === text);
		if (note) note.kinds.push(kind);
		else notes.push({ kinds: [kind], text });
	}
	const description = notes.map((n) => `${n.kinds.join('、')}：${n.text}`).join('');
	return description ? { ...body, description } : body;
}

/** The JSON Schema of a rule file, from the kinds' parameter schemas. */
export function rulesFileSchema(kinds: Kind[]): Json {
	const byParam = new Map<string, { kind: string; schema: Json }[]>();
	for (const kind of kinds) {
		for (const [name, schema] of Object.entries(plain(kind.params.properties) as Record<string, Json>)) {
			if (name in entryProperties) throw new Error(`kind ${kind.name}: parameter ${name} is an entry field`);
			byParam.set(name, [...(byParam.get(name) ?? []), { kind: kind.name, schema }]);
		}
	}
	const params: Json = {};
	for (const name of [...byParam.keys()].sort()) params[name] = merged(byParam.get(name)!);
	const sub = params[subCheck] as Json;
	params[oldSubCheck] = { ...sub, deprecated: true, description: `已改名为 ${subCheck}，旧写法照常读取，加载时提示改写。` };
	const { examples, ...head } = entryProperties;
	return {
		$schema: 'http://json-schema.org/draft-07/schema#',
		$id: 'https://newsproof.dev/schema/rules.schema.json',
		title: 'newsproof 规则文件',
		description: '一个规则文件：文件级默认值和若干规则条目。本文件由各规则类型的参数声明生成（npm run rules:schema），请勿手改。',
		type: 'object',
		additionalProperties: false,
		required: ['rules'],
		properties: {
			family: { type: 'string', description: '规则族前缀，如 POL、TYP。' },
			title: { type: 'string', description: '规则族名称。' },
			category: { $ref: '#/definitions/category', description: '本文件条目默认的类别。' },
			severity: { $ref: '#/definitions/severity', description: '本文件条目默认的级别。' },
			kind: { $ref: '#/definitions/kind', description: '本文件条目默认的规则类型。' },
			rules: { type: 'array', items: { $ref: '#/definitions/rule' } },
		},
		definitions: {
			category: { enum: categories },
			severity: { enum: severities },
			kind: { enum: kinds.map((k) => k.name) },
			rule: {
				type: 'object',
				additionalProperties: false,
				required: ['id', 'examples'],
				properties: { ...head, ...params, examples },
			},
		},
	};
}

/** The schema file's text as committed: tabs, one trailing newline. */
export function rulesSchemaText(kinds: Kind[]): string {
	return `${JSON.stringify(rulesFileSchema(kinds), null, '\t')}\n`;
}
