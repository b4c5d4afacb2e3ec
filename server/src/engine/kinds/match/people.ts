import { fastHan } from '../../chars';
import { DataFileError, readDataFile } from '../../dataFile';
import { basename, join } from 'node:path';
import schema from '../../../../../rules/schema/people.schema.json';
import { Automaton } from '../../automaton';
import type { CompiledRule, DocumentHit, Kind, RuleEntry, RuleMeta, RulesetMemory } from '../../rule';
import { builtinRulesDir, compiledRulesFile } from '../../builtin';
import type { ConfigProblem } from '../../types';
import { parseYaml } from '../../yamlFile';
import { draftDate, parseDay } from '../support/context';
import { check, params, type Static, texts, Type } from '../support/params';
import { stampOfFiles } from '../../files';

// Names, titles and protocol order of leaders, from rules/people.yaml and the newsroom's
// own files (config `people:`). One kind, four checks chosen by `check:`:
//   titles      a registered name next to a title the person does not hold (全国政协主席赵乐际)
//   titleOrder  one person's titles in the wrong order (国家主席、中共中央总书记…习近平)
//   order       leaders listed out of protocol order (李强、蔡奇、王沪宁)
//   spelling    a leader's name misspelt (习平近)
// Titles carry dates, so that a 2018 story naming 中央纪委书记赵乐际 is right for its day;
// drafts dated before a registry's `validFrom` are not checked for titles or order.

export interface PersonTitle {
	title: string;
	since?: Date;
	until?: Date;
}

export interface Person {
	name: string;
	rank?: number;
	group: string;
	titles: PersonTitle[];
	titleOrder?: string[];
	misspellings: string[];
	commonName: boolean;
	validFrom?: Date;
	file: string;
	line: number;
}

export interface Registry {
	people: Map<string, Person>;
	problems: ConfigProblem[];
}

interface RawPerson {
	name: string;
	rank?: number;
	group?: string;
	validFrom?: string;
	titles: (string | { title: string; since?: string; until?: string })[];
	titleOrder?: string[];
	misspellings?: string[];
	commonName?: boolean;
}

/** Parses one registry file; problems carry the file and line, and bad entries are skipped. */
export function parsePeople(text: string, file: string, into?: Registry): Registry {
	const registry: Registry = into ?? { people: new Map(), problems: [] };
	const shipped = file === join(builtinRulesDir(), 'people.yaml');
	const { loaded, problems, broken } = parseYaml(text, file, schema, {
		compiled: shipped ? compiledRulesFile() : undefined,
		entries: 'people',
		entryName: (entry, i) => (typeof entry?.name === 'string' ? `人员“${entry.name}”` : `第 ${i + 1} 位人员`),
	});
	registry.problems.push(...problems);
	if (!loaded) {
		return registry;
	}
	const data = loaded.value as { validFrom?: string; group?: string; people: RawPerson[] };
	const group = data.group ?? basename(file).replace(/\.ya?ml$/, '');
	const seen = new Map<string, number>();
	const ranks = new Map<string, string>();
	data.people.forEach((raw, i) => {
		if (broken.has(i)) return;
		const where = loaded.locate(['people', i]);
		const problem = (message: string, field?: (string | number)[]) =>
			registry.problems.push({ file, ...(field ? loaded.locate(['people', i, ...field]) : where), message });
		if (seen.has(raw.name)) {
			problem(`姓名“${raw.name}”重复（第 ${seen.get(raw.name)} 行已有）`, ['name']);
			return;
		}
		seen.set(raw.name, where.line);
		const titles = raw.titles.map((t) => (typeof t === 'string' ? { title: t } : { title: t.title, since: parseDay(t.since), until: parseDay(t.until) }));
		const names = new Set(titles.map((t) => t.title));
		const unknown = (raw.titleOrder ?? []).filter((t) => !names.has(t));
		if (unknown.length) {
			problem(`titleOrder 中的“${unknown.join('、')}”不在 ${raw.name} 的 titles 中`, ['titleOrder']);
			return;
		}
		const personGroup = raw.group ?? group;
		if (raw.rank !== undefined) {
			const key = `${personGroup}#${raw.rank}`;
			if (ranks.has(key)) {
				problem(`排名 ${raw.rank} 与“${ranks.get(key)}”重复（分组 ${personGroup}）`, ['rank']);
				return;
			}
			ranks.set(key, raw.name);
		}
		registry.people.set(raw.name, {
			name: raw.name,
			rank: raw.rank,
			group: personGroup,
			titles,
			titleOrder: raw.titleOrder,
			misspellings: raw.misspellings ?? [],
			commonName: raw.commonName ?? false,
			validFrom: parseDay(raw.validFrom ?? data.validFrom),
			file,
			line: where.line,
		});
	});
	return registry;
}

/** The shipped registry plus the newsroom's files, later files overriding a name. */
export function loadPeople(files: string[]): Registry {
	const all = [join(builtinRulesDir(), 'people.yaml'), ...files];
	const registry: Registry = { people: new Map(), problems: [] };
	for (const file of all) {
		let text: string;
		try {
			text = readDataFile(file);
		} catch (err) {
			const line = err instanceof DataFileError ? err.line : 0;
			registry.problems.push({ file, line, column: line ? 1 : 0, message: `无法读取人员名录：${(err as Error).message}` });
			continue;
		}
		parsePeople(text, file, registry);
	}
	return registry;
}

/** A registry as read, with its search index and the last paragraphs' occurrences. */
class LoadedRegistry {
	private searchIndex: Index | undefined;
	// Five rules read the same paragraphs on every lint; an edit changes one of them.
	private readonly recent = new Map<string, Occurrence[]>();

	constructor(
		readonly registry: Registry,
		readonly stamp: string,
	) {}

	get index(): Index {
		this.searchIndex ??= indexOf(this.registry);
		return this.searchIndex;
	}

	occurrencesIn(text: string): Occurrence[] {
		let found = this.recent.get(text);
		if (!found) {
			found = findOccurrences(text, this.index);
			if (this.recent.size >= 2000) this.recent.clear();
			this.recent.set(text, found);
		}
		return found;
	}
}

/**
 * The registries a rule set's people rules have read, by the files named: read again when
 * a newsroom file changes (the shipped registry changes only with the package). The rule set
 * keeps one (RulesetMemory), so its rules share it and it goes with the rule set.
 */
export class PeopleRegistries {
	private readonly loaded = new Map<string, LoadedRegistry>();

	load(files: string[]): LoadedRegistry {
		const key = files.join('|');
		const stamp = stampOfFiles(files);
		let known = this.loaded.get(key);
		if (!known || known.stamp !== stamp) {
			known = new LoadedRegistry(loadPeople(files), stamp);
			this.loaded.set(key, known);
		}
		return known;
	}

	static of(memory: RulesetMemory): PeopleRegistries {
		return memory.get('people registries', () => new PeopleRegistries());
	}
}

// The last word of a title: what a title next to a name ends with.
const headPattern =
	'(?:副)?(?:总书记|书记|主席|总理|委员长|部长|局长|厅长|处长|科长|市长|省长|州长|县长|区长|镇长|乡长|主任|院长|检察长|审计长|秘书长|组长|司令员|政治委员|政委|校长|董事长|总经理|行长|署长|会长|理事长|社长|总编辑|台长|馆长|所长|队长|常委|委员)';
const headAtEnd = new RegExp(`${headPattern}$`);
// After a name only forms of address count: 李强总理, 赵乐际委员长 (not 委员, 常委).
const headAfter = fastHan(/^(?:副)?(?:总书记|书记|主席|总理|委员长|部长|局长|厅长|市长|省长|县长|区长|主任|院长|检察长|审计长|秘书长)(?![\p{Script=Han}])/u);
const hanStart = fastHan(/^\p{Script=Han}/u);
const clauseBreak = /[，。；：！？“”‘’（）()《》\s,;:!?]/;
// A former title is named as such: 时任、原、前.
const formerMarker = /时任|曾任|原任|历任|前任|卸任|^原|^前|、原/;
const separators = '、和与及';

interface Occurrence {
	start: number;
	end: number;
	person: Person;
	/** Set for a misspelling. */
	written?: string;
}

function heldAt(person: Person, date: Date | undefined): PersonTitle[] {
	return person.titles.filter((t) => (date ? (!t.since || t.since <= date) && (!t.until || date <= t.until) : !t.until));
}

function matchesTitle(part: string, title: string): boolean {
	return part.endsWith(title) || title.endsWith(part);
}

/** Adjacent transpositions of a three-character name: 习平近, 近习平. */
function transpositions(name: string): string[] {
	const chars = [...name];
	if (chars.length !== 3) return [];
	return [chars[1] + chars[0] + chars[2], chars[0] + chars[2] + chars[1]];
}

interface Index {
	automaton: Automaton<{ person: Person; written?: string }>;
	titleOwners: Map<string, Person[]>;
}
function indexOf(registry: Registry): Index {
	const automaton = new Automaton<{ person: Person; written?: string }>();
	const titleOwners = new Map<string, Person[]>();
	for (const person of registry.people.values()) {
		automaton.add(person.name, { person });
		for (const wrong of [...person.misspellings, ...transpositions(person.name)]) {
			if (!registry.people.has(wrong)) automaton.add(wrong, { person, written: wrong });
		}
		for (const t of person.titles) {
			titleOwners.set(t.title, [...(titleOwners.get(t.title) ?? []), person]);
		}
	}
	return { automaton, titleOwners };
}

function findOccurrences(text: string, index: Index): Occurrence[] {
	const sorted = index.automaton.search(text).sort((a, b) => a.start - b.start || b.end - a.end);
	const out: Occurrence[] = [];
	for (const m of sorted) {
		const prev = out[out.length - 1];
		if (prev && m.start < prev.end) continue;
		out.push({ start: m.start, end: m.end, person: m.value.person, written: m.value.written });
	}
	return out;
}

const checks = ['titles', 'titleOrder', 'order', 'spelling'] as const;
export const peopleParams = params({
	check: check(checks, 'titles 职务、titleOrder 职务并称顺序、order 排序、spelling 姓名写法。', `people 规则需要 check，取值为：${checks.join('、')}`),
	/** order: report only inversions that involve one of these names. */
	names: Type.Optional(texts({ description: '（order）只报涉及这些人的排序错误。' })),
	/** order: leave these names out of the comparison. */
	exceptNames: Type.Optional(texts({ description: '（order）这些人不参与排序比较。' })),
});
export type PeopleParams = Static<typeof peopleParams>;

export const people: Kind = {
	name: 'people',
	params: peopleParams,
	defaultMessage: '{found}：人名与职务或排序不符',
	compile(entry: RuleEntry, meta: RuleMeta, memory: RulesetMemory): CompiledRule {
		const p = entry as unknown as PeopleParams;
		const registries = PeopleRegistries.of(memory);
		return {
			meta,
			paragraphKinds: ['body', 'headline'],
			needsWords: false,
			checkDocument(ctx) {
				const loaded = registries.load(ctx.options.people ?? []);
				const { registry } = loaded;
				if (registry.problems.length && p.check === 'titles') {
					ctx.run.problems.push(...registry.problems);
				}
				const date = draftDate(ctx.options);
				const covered = (person: Person) => !date || !person.validFrom || date >= person.validFrom;
				const hits: DocumentHit[] = [];
				ctx.model.paragraphs.forEach((paragraph, pi) => {
					if (paragraph.kind === 'byline') return;
					const text = paragraph.text;
					const found = loaded.occurrencesIn(text);
					const push = (h: Omit<DocumentHit, 'paragraph'>) => hits.push({ ...h, paragraph: pi });
					found.forEach((occ, k) => {
						if (p.check === 'spelling') {
							if (occ.written) {
								push({
									start: occ.start,
									end: occ.end,
									slots: { replace: occ.person.name },
									message: `领导人姓名“${occ.written}”有误，应为“${occ.person.name}”`,
									fixes: [{ text: occ.person.name }],
								});
							}
							return;
						}
						if (occ.written || !covered(occ.person)) return;
						const prevEnd = k > 0 ? found[k - 1].end : 0;
						let s = occ.start;
						while (s > prevEnd && occ.start - s < 40 && !clauseBreak.test(text[s - 1])) s--;
						const clause = text.slice(s, occ.start);
						if (p.check === 'titleOrder') {
							checkTitleOrder(occ, clause, s, push);
						} else if (p.check === 'titles') {
							checkTitles(occ, clause, s, text, date, loaded.index, push);
						}
					});
					if (p.check === 'order') {
						checkOrder(
							text,
							found.filter((o) => !o.written && covered(o.person)),
							p,
							push,
						);
					}
				});
				return hits;
			},
		};
	},
};

type Push = (h: Omit<DocumentHit, 'paragraph'>) => void;

function checkTitleOrder(occ: Occurrence, clause: string, clauseStart: number, push: Push): void {
	const order = occ.person.titleOrder;
	if (!order) return;
	// The person's titles at the end of the clause, joined by 、: 国家主席、中共中央总书记、中央军委主席.
	const parts: { start: number; end: number; rank: number; text: string }[] = [];
	let rest = clause;
	for (;;) {
		const rank = order.findIndex((t) => rest.endsWith(t));
		if (rank < 0) break;
		const t = order[rank];
		parts.unshift({ start: clauseStart + rest.length - t.length, end: clauseStart + rest.length, rank, text: t });
		rest = rest.slice(0, -t.length);
		if (!rest.endsWith('、')) break;
		rest = rest.slice(0, -1);
	}
	if (parts.length < 2 || parts.every((x, i) => i === 0 || parts[i - 1].rank < x.rank)) return;
	const start = parts[0].start;
	const fixed =
		[...parts]
			.sort((a, b) => a.rank - b.rank)
			.map((x) => x.text)
			.join('、') + occ.person.name;
	push({
		start,
		end: occ.end,
		slots: { replace: fixed },
		message: `${occ.person.name}的职务并称顺序应为：${order.join('、')}`,
		fixes: [{ title: '按规范顺序排列', text: fixed }],
	});
}

function checkTitles(occ: Occurrence, clause: string, clauseStart: number, text: string, date: Date | undefined, index: Index, push: Push): void {
	const person = occ.person;
	const held = heldAt(person, date);
	const ever = person.titles;
	const judge = (part: string, start: number, end: number, after: boolean) => {
		const head = after ? part : headAtEnd.exec(part)?.[0];
		// Roles of a meeting or a mission are not posts: 大会主席团常务主席, 特使, 代表团团长.
		if (!head || /主席团|常务主席|执行主席|特使|代表团|委员会委员|筹备|组委会/.test(part)) return;
		if (held.some((t) => matchesTitle(part, t.title))) return;
		const spanText = after ? person.name + part : part.slice(part.length - head.length) + person.name;
		const spanStart = after ? occ.start : end - head.length;
		const spanEnd = after ? end : occ.end;
		const current = held.map((t) => t.title).join('、') || '（名录中无现任职务）';
		if (!date && ever.some((t) => t.until && matchesTitle(part, t.title))) {
			push({
				start: spanStart,
				end: spanEnd,
				severity: 'hint',
				slots: { found: spanText },
				message: `${person.name}现任${current}，“${part}”为其曾任职务（旧闻可忽略，否则写“时任”或“原”）`,
			});
			return;
		}
		// Another registered person's title: the clearest mismatch (全国政协主席赵乐际).
		const owner = [...index.titleOwners.entries()].find(([t, owners]) => part.endsWith(t) && t.endsWith(head) && !owners.includes(person));
		const headHeld = held.some((t) => t.title.endsWith(head));
		if (!owner && headHeld) return;
		const central = /中共|中央|全国|国家|国务院/.test(part);
		const severity = person.commonName && !owner && !central ? 'hint' : undefined;
		const otherPeople = owner ? owner[1].filter((o) => heldAt(o, date).some((t) => t.title === owner[0])).map((o) => o.name) : [];
		const who = owner && otherPeople.length ? `；${owner[0]}是${otherPeople.join('、')}` : '';
		push({
			start: spanStart,
			end: spanEnd,
			severity,
			slots: { found: spanText },
			message: `${person.name}的职务是${current}，不是“${part}”${who}${severity ? '（如为同名者可忽略）' : ''}`,
		});
	};
	if (!formerMarker.test(clause)) {
		let offset = clauseStart;
		for (const part of clause.split('、')) {
			if (part) judge(part, offset, offset + part.length, false);
			offset += part.length + 1;
		}
	}
	const after = headAfter.exec(text.slice(occ.end, occ.end + 8));
	if (after) judge(after[0], occ.end, occ.end + after[0].length, true);
}

function checkOrder(text: string, found: Occurrence[], p: PeopleParams, push: Push): void {
	// Chains of ranked names joined by one separator each.
	const chains: Occurrence[][] = [];
	for (const occ of found) {
		const chain = chains[chains.length - 1];
		const prev = chain?.[chain.length - 1];
		const gap = prev ? text.slice(prev.end, occ.start) : '';
		if (prev && gap.length === 1 && separators.includes(gap) && prev.person.group === occ.person.group) {
			chain.push(occ);
		} else {
			chains.push([occ]);
		}
	}
	for (const chain of chains) {
		if (chain.length < 2 || chain.some((o) => o.person.rank === undefined)) continue;
		// A name followed by a title is not part of a bare list (李强总理、…) only when the
		// list ends there; a name glued to more Han text is another name (李强国).
		const last = chain[chain.length - 1];
		if (hanStart.test(text.slice(last.end, last.end + 2)) && !/^(?:等|同志|出席|在|分别|参加|会见|一同|陪同)/.test(text.slice(last.end))) continue;
		if (new Set(chain.map((o) => o.person.name)).size !== chain.length) continue;
		const slots = chain.map((o, i) => ({ o, i })).filter(({ o }) => !p.exceptNames?.includes(o.person.name));
		const sorted = [...slots].sort((a, b) => (a.o.person.rank as number) - (b.o.person.rank as number));
		if (sorted.every((x, i) => x === slots[i])) continue;
		if (p.names) {
			const named = slots.some((a, i) =>
				slots
					.slice(i + 1)
					.some((b) => (a.o.person.rank as number) > (b.o.person.rank as number) && (p.names!.includes(a.o.person.name) || p.names!.includes(b.o.person.name))),
			);
			if (!named) continue;
		}
		const placed = [...chain];
		slots.forEach((slot, k) => {
			placed[slot.i] = sorted[k].o;
		});
		let fixed = '';
		placed.forEach((o, i) => {
			fixed += o.person.name;
			if (i + 1 < chain.length) fixed += text.slice(chain[i].end, chain[i + 1].start);
		});
		const start = chain[0].start;
		const end = last.end;
		push({
			start,
			end,
			slots: { found: text.slice(start, end), replace: fixed },
			message: `领导人排序应为：${sorted.map((x) => x.o.person.name).join('、')}`,
			fixes: [{ title: '按排名顺序排列', text: fixed }],
		});
	}
}
