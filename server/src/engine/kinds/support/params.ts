import {
	Array as ArrayOf,
	Boolean as BooleanOf,
	Integer,
	Number as NumberOf,
	Object as ObjectOf,
	Optional,
	type SchemaOptions,
	type Static,
	String as StringOf,
	type TProperties,
	type TSchema,
	Union,
	Unsafe,
} from '@sinclair/typebox';

// The pieces kinds declare their parameters with. Each kind exports one TypeBox object: it
// is the kind's TypeScript parameter type (Static), the JSON Schema its entries are checked
// against when a rule file loads, and its part of rules/schema/rules.schema.json
// (kinds/schema.ts). `errorMessage` on a parameter is the Chinese message shown when the
// entry breaks that parameter's schema (the YAML language server shows it too).

export type { Static } from '@sinclair/typebox';

/**
 * The TypeBox builders the kinds use, imported one by one so that the bundle carries only
 * these (the library's `Type` namespace pulls in every builder it has).
 */
export const Type = { Array: ArrayOf, Boolean: BooleanOf, Integer, Number: NumberOf, Object: ObjectOf, Optional, String: StringOf, Union, Unsafe };

/** One of a few words: an `enum`, so that a wrong word is answered with the list. */
export function words<T extends string>(list: readonly T[], options: SchemaOptions = {}) {
	return Type.Unsafe<T>({ ...options, enum: [...list] });
}

/** A map from any key to values of one schema (`additionalProperties`, as editors read it best). */
export function dict<V extends TSchema>(value: V, options: SchemaOptions = {}) {
	return Type.Unsafe<Record<string, Static<V>>>({ ...options, type: 'object', additionalProperties: value });
}

/** A non-empty string. */
export const text = (options: SchemaOptions = {}) => Type.String({ ...options, minLength: 1 });

/** A list of strings (possibly empty, possibly holding empty strings: a context list). */
export const strings = (options: SchemaOptions = {}) => Type.Array(Type.String(), options);

/** A list of non-empty strings. */
export const texts = (options: SchemaOptions = {}) => Type.Array(text(), options);

/** One non-empty string or a non-empty list of them. */
export const textOrTexts = (options: SchemaOptions = {}) => Type.Union([text(), Type.Array(text(), { minItems: 1 })], options);

/** A day written YYYY-MM-DD. */
export const day = (options: SchemaOptions = {}) => Type.String({ ...options, pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** The paragraph kinds a rule reads (`in:`). */
export const paragraphs = (options: SchemaOptions = {}) => Type.Array(words(['body', 'headline', 'byline'] as const), options);

/** A severity, or off. */
export const level = (options: SchemaOptions = {}) => words(['error', 'warning', 'info', 'hint', 'off'] as const, options);

export const boundary = () => words(['word', 'none'] as const, { description: 'word：匹配须落在分词边界上。' });

export const unlessBefore = () => Type.Optional(strings({ description: '紧挨在前面出现这些文字时不报。' }));
export const unlessAfter = () => Type.Optional(strings({ description: '紧跟在后面出现这些文字时不报。' }));
export const certain = () => Type.Optional(Type.Boolean({ description: '修改是否确定，可一键应用。' }));

/** Where a match stands (kinds/support/context.ts): in quoted speech, in pre-1949 history. */
export const contextParams = {
	inQuote: Type.Optional(level({ description: '引语内的级别（banned 默认 warning）。' })),
	historical: Type.Optional(level({ description: '1949年以前史实叙述中的级别。' })),
	quotedOk: Type.Optional(Type.Boolean({ description: '该词整体加了引号时不报。' })),
};

/**
 * A house style switch (`switch: { key, when, default }`): the rule runs while config `style:`
 * sets `key` to `when`, or leaves it unset and `default` is `when` (docs/style-switches.md).
 */
export const styleSwitch = (errorMessage: string) =>
	Type.Object(
		{
			key: Type.String(),
			/** The style value under which the rule reports. */
			when: Type.String(),
			/** The value assumed when the config leaves the key unset. */
			default: Type.String(),
		},
		{
			additionalProperties: false,
			description: 'config 中 style 的键；取值为 when（未设时按 default）时才检查。见 docs/style-switches.md。',
			errorMessage,
		},
	);

/** A kind's parameters: an object schema over the entry (other keys belong to the entry itself). */
export const params = <P extends TProperties>(properties: P) => Type.Object(properties);

/** The sub-check word a kind may take (`check:`); `mode:` is its old name, still read. */
export const check = <T extends string>(list: readonly T[], description: string, errorMessage: string) => words(list, { description, errorMessage });

/** The parameters of a kind that takes none. */
export const noParams = params({});
