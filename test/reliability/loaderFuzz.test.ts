import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { type ConfigProblem, maxDataFileBytes } from '../../server/src/engine';
import { configProblems, lintFile } from '../helpers/engine';
import { dataFileStats } from '../../server/src/engine/dataFile';
import { aliasAllowance, parseYamlText, yamlStats } from '../../server/src/engine/yamlText';
import { endlessDevice, makeFifo } from '../helpers/specialFiles';

// A bounded fuzz test of the config and rule loader: generated config, rule, people and
// ignore files (valid and broken YAML, anchors, aliases and alias bombs, tags, paths to
// devices, FIFOs, folders, missing and oversized files, broken bytes). Every input gives a
// result or problems that name a file and a line, in Chinese, and the work done stays within
// a budget counted in bytes read and values built, never in time. `npm run fuzz` runs it
// longer (NEWSPROOF_FUZZ_RUNS, NEWSPROOF_FUZZ_SEED).

const runs = Number(process.env.NEWSPROOF_FUZZ_RUNS ?? 100);
const seed = Number(process.env.NEWSPROOF_FUZZ_SEED ?? 20261207);

const dir = mkdtempSync(join(tmpdir(), 'newsproof-fuzz-'));
const rc = join(dir, '.newsproofrc.yaml');
const house = join(dir, 'house.yaml');
const people = join(dir, 'people.yaml');
const ignore = join(dir, '.newsproof', 'ignore.yaml');
const draft = join(dir, 'draft.txt');
mkdirSync(join(dir, '.newsproof'));
mkdirSync(join(dir, 'folder.yaml'));
const hasFifo = makeFifo(join(dir, 'pipe.yaml'));
// Larger than any data file may be: refused by its size, never read.
writeFileSync(join(dir, 'huge.yaml'), Buffer.alloc(maxDataFileBytes + 1, 0x61));

const paths = [
	'house.yaml',
	'people.yaml',
	'./house.yaml',
	join(dir, 'house.yaml'),
	'missing.yaml',
	'folder.yaml',
	'.',
	'..',
	'.newsproofrc.yaml',
	'huge.yaml',
	'/dev/null',
	'../../../../../../etc/hostname',
	'a'.repeat(300),
	'',
	' ',
	'名单.yaml',
	'house.yaml\u0000x',
	...(hasFifo ? ['pipe.yaml'] : []),
	...(endlessDevice ? [endlessDevice, '/dev/stdin', '/proc/self/mem'] : []),
];
const keys = [
	'root',
	'rules',
	'categories',
	'ruleFiles',
	'words',
	'publicationDate',
	'extensions',
	'people',
	'typos',
	'accept',
	'style',
	'staff',
	'categorys',
	'rule',
	'word',
	'Rules',
	'ruleFile',
	'id',
	'kind',
	'find',
	'replace',
	'examples',
	'bad',
	'good',
	'severity',
	'category',
	'message',
	'pattern',
	'name',
	'titles',
	'rank',
	'ignore',
	'file',
	'text',
	'before',
	'after',
	'SPC-001',
	'TYP',
	'TYP-05',
	'XYZ-999',
	'typo',
	'typoo',
	'punctuation',
	'bylinePosition',
	'<<',
	'? complex',
	'"quoted key"',
	"'single'",
	'经开区',
	'',
];
const scalars = [
	'off',
	'error',
	'warning',
	'info',
	'hint',
	'loud',
	'true',
	'false',
	'null',
	'~',
	'0',
	'-1',
	'1e9',
	'.inf',
	'.nan',
	'0x1F',
	'2021-11-25',
	'2021-13-45',
	'2024-02-29',
	'2023-02-29',
	'""',
	"''",
	'经开区',
	'再接再励',
	'TYP-005',
	'replace',
	'pattern',
	'(a+)+$',
	'"(甲|甲甲)+$"',
	'"\\u0000"',
	'"\\x"',
	"'it''s'",
	'!!str 1',
	'!!int x',
	'!!binary AAAA',
	'!!js/function "x"',
	'!custom x',
	'!!map {}',
	'!!seq []',
	'!!set {a}',
	'&x y',
	'*x',
	'*nope',
	'"unclosed',
	"'unclosed",
	'[unclosed',
	'{unclosed',
	'@at',
	'`tick',
	'- dash',
	': colon',
	'? q',
	'#',
	'a: b: c',
	'[]',
	'{}',
	'[a, b',
	'{a: 1, b}',
	'|',
	'>-',
	'\t',
	'"\t"',
];

const indent = fc.constantFrom('', '  ', '    ', ' ', '\t');
const scalar = fc.oneof(
	{ arbitrary: fc.constantFrom(...scalars), weight: 6 },
	{ arbitrary: fc.constantFrom(...paths), weight: 3 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 8 }), weight: 1 },
	{ arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 6 }), weight: 1 },
);
const flow = fc
	.array(
		fc.oneof(
			scalar,
			fc.constantFrom(...paths).map((p) => JSON.stringify(p)),
		),
		{ maxLength: 5 },
	)
	.chain((items) => fc.constantFrom(`[${items.join(', ')}]`, `{${items.map((v, i) => `k${i}: ${v}`).join(', ')}}`));
/** Anchors and aliases, alias chains up to a bomb: `depth` levels of `fan` aliases each. */
const aliases = fc
	.record({ depth: fc.integer({ min: 1, max: 9 }), fan: fc.integer({ min: 1, max: 12 }), key: fc.constantFrom(...keys) })
	.map(({ depth, fan, key }) => {
		const lines = [`${key}: &a0 [${Array(fan).fill('甲').join(', ')}]`];
		for (let i = 1; i < depth; i++)
			lines.push(
				`k${i}: &a${i} [${Array(fan)
					.fill(`*a${i - 1}`)
					.join(', ')}]`,
			);
		return lines.join('\n');
	});
const line = fc.oneof(
	{ arbitrary: fc.tuple(indent, fc.constantFrom(...keys), fc.oneof(scalar, flow)).map(([i, k, v]) => `${i}${k}: ${v}`), weight: 6 },
	{ arbitrary: fc.tuple(indent, fc.constantFrom(...keys)).map(([i, k]) => `${i}${k}:`), weight: 3 },
	{ arbitrary: fc.tuple(indent, fc.oneof(scalar, flow)).map(([i, v]) => `${i}- ${v}`), weight: 4 },
	{ arbitrary: fc.tuple(indent, fc.constantFrom(...keys), fc.constantFrom('a', 'b'), scalar).map(([i, k, a, v]) => `${i}${k}: &${a} ${v}`), weight: 1 },
	{ arbitrary: fc.tuple(indent, fc.constantFrom(...keys), fc.constantFrom('a', 'b', 'x', 'nope')).map(([i, k, a]) => `${i}${k}: *${a}`), weight: 1 },
	{ arbitrary: aliases, weight: 1 },
	{ arbitrary: fc.constantFrom('---', '...', '%YAML 1.2', '# 注释', '', '<<: *a', '? [a, b]\n: c'), weight: 1 },
	{ arbitrary: fc.string({ maxLength: 20 }), weight: 1 },
);
const yamlText = fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n') + '\n');
/** Plausible files, built the way their formats nest, so that deep checks are reached too. */
const ruleFile = fc
	.array(
		fc.record({
			id: fc.constantFrom('HSE-001', 'HSE-002', 'HSE-001', 'bad id', 'TYP-005'),
			kind: fc.constantFrom('replace', 'pattern', 'quote', 'order', 'banned', 'nope'),
			find: fc.oneof(scalar, flow),
			extra: fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(scalar, flow)), { maxLength: 3 }),
			examples: fc.boolean(),
		}),
		{ maxLength: 5 },
	)
	.map(
		(rules) =>
			'rules:\n' +
			rules
				.map((r) =>
					[
						`  - id: ${r.id}`,
						`    kind: ${r.kind}`,
						`    find: ${r.find}`,
						...r.extra.map(([k, v]) => `    ${k}: ${v}`),
						...(r.examples ? ['    examples: { bad: [甲乙], good: [丙丁] }'] : []),
					].join('\n'),
				)
				.join('\n') +
			'\n',
	);
const configFile = fc
	.array(fc.tuple(fc.constantFrom(...keys.slice(0, 14)), fc.array(fc.oneof(scalar, flow), { maxLength: 4 }), fc.boolean()), { maxLength: 8 })
	.map(
		(entries) =>
			entries.map(([k, values, block]) => (block ? `${k}:\n${values.map((v) => `  - ${v}`).join('\n')}` : `${k}: [${values.join(', ')}]`)).join('\n') + '\n',
	);
const anyText = fc.oneof(
	{ arbitrary: yamlText, weight: 4 },
	{ arbitrary: configFile, weight: 3 },
	{ arbitrary: ruleFile, weight: 3 },
	{ arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), weight: 1 },
	{
		arbitrary: fc.constantFrom(
			'[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
			'{'.repeat(300),
			`a: ${'['.repeat(600)}`,
			`a: ${'- '.repeat(600)}x`,
			'&a [*a]\n',
			'a: &a\n  b: *a\n',
		),
		weight: 1,
	},
);

/** Values a parsed value stands for, shared references counted each time, counted up to `limit`. */
function weight(value: unknown, limit: number): number {
	let count = 0;
	const stack = [value];
	while (stack.length && count <= limit) {
		const v = stack.pop();
		count++;
		if (v && typeof v === 'object') stack.push(...(v instanceof Map ? [...v.keys(), ...v.values()] : Object.values(v as object)));
	}
	return count;
}

const lineCount = (file: string) => (existsSync(file) ? readFileSync(file).toString('latin1').split('\n').length : 0);

function checkProblems(problems: ConfigProblem[]): void {
	for (const p of problems) {
		const shown = JSON.stringify(p);
		assert.ok(typeof p.file === 'string' && p.file.length > 0, `a problem without a file: ${shown}`);
		assert.ok(Number.isInteger(p.line) && p.line >= 0 && Number.isInteger(p.column) && p.column >= 0, `a problem without a place: ${shown}`);
		assert.match(p.message, /\p{Script=Han}/u, `a message not in Chinese: ${shown}`);
		assert.doesNotMatch(p.message, /\n\s+at |TypeError|ReferenceError|RangeError|undefined|\[object /, `an internal error shown as a problem: ${shown}`);
		// A line is one of the file's own (one past the end for an error at the end of the file).
		if (p.line > 0 && [rc, house, people, ignore].includes(p.file)) {
			assert.ok(p.line <= lineCount(p.file) + 1, `line ${p.line} of a ${lineCount(p.file)}-line file: ${shown}`);
		}
	}
}

describe('loader fuzz: every config and rule file gives a result or a located error, within a budget', function () {
	// Mocha's limit stops a hung run; the budget below is what the test asserts, in counts.
	this.timeout(Math.max(600000, runs * 1000));
	// Mocha records every frame of every error's stack; deep documents overflow the stack on
	// purpose, and the CLI and the server record the default ten frames.
	let stackTraceLimit: number;
	before(() => {
		stackTraceLimit = Error.stackTraceLimit;
		Error.stackTraceLimit = 10;
	});
	after(() => {
		Error.stackTraceLimit = stackTraceLimit;
	});

	it(`${runs} generated sets of config, rule, people and ignore files (seed ${seed})`, () => {
		let problemsSeen = 0;
		let loadedClean = 0;
		fc.assert(
			fc.property(anyText, anyText, anyText, anyText, fc.constantFrom(...paths), (config, rules, registry, ignored, extra) => {
				const write = (file: string, text: string | Buffer) => writeFileSync(file, text);
				const configText =
					typeof config === 'string' && config.length % 3 === 0
						? `${config}ruleFiles: [house.yaml, ${JSON.stringify(extra)}]\npeople: [people.yaml]\n`
						: config;
				write(rc, configText);
				write(house, rules);
				write(people, typeof registry === 'string' ? registry.replace(/^rules:/, 'people:') : registry);
				write(ignore, typeof ignored === 'string' ? ignored.replace(/^rules:/, 'ignore:') : ignored);

				const before = { files: dataFileStats.files, bytes: dataFileStats.bytes, documents: yamlStats.documents, values: yamlStats.values };
				const problems = configProblems(draft);
				const linted = lintFile(draft, '全区 6个办事处，再接再励。甲乙');
				checkProblems(problems);
				checkProblems(linted.problems);
				problemsSeen += problems.length;
				if (!problems.length) loadedClean++;

				// The budget, in counts: bytes only from files within the cap, and no more values
				// built than the documents read allow (their length plus a few aliases each).
				const files = dataFileStats.files - before.files;
				const bytes = dataFileStats.bytes - before.bytes;
				const documents = yamlStats.documents - before.documents;
				const values = yamlStats.values - before.values;
				assert.ok(bytes <= files * maxDataFileBytes, `${bytes} bytes from ${files} files`);
				assert.ok(values <= documents * aliasAllowance + bytes, `${values} values built from ${documents} documents of ${bytes} bytes`);

				// The parser's own count holds for the values it gives: weighed independently here.
				for (const text of [configText, rules, registry, ignored]) {
					const source = typeof text === 'string' ? text : text.toString('utf8');
					const parsed = parseYamlText(source, 'x.yaml');
					if (parsed.value === undefined) {
						assert.ok(parsed.problems.length > 0, 'no value and no problem');
						continue;
					}
					const limit = aliasAllowance + source.length;
					assert.ok(weight(parsed.value, limit) <= limit, `a value heavier than its budget: ${JSON.stringify(source).slice(0, 200)}`);
				}
			}),
			{ seed, numRuns: runs, endOnFailure: true },
		);
		// The generator reaches both sides: clean loads and problems.
		assert.ok(problemsSeen > runs, `${problemsSeen} problems in ${runs} runs`);
		assert.ok(loadedClean > 0, 'no generated set loaded cleanly');
	});
});
