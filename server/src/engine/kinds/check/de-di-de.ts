import type { CompiledRule, Hit, Kind, RuleEntry, RuleMeta } from '../../rule';
import { check, params, type Static } from '../support/params';
import type { Word } from '../../segmenter';

// 的/地/得 from parts of speech. Only shapes that are errors whatever the reading are
// reported; everything ambiguous stays silent, because published copy is full of correct
// sentences that a looser rule would flag:
//   adverbial  认真的学习了 → 认真地学习了: an adverbial adjective (jieba `ad`, or a
//              reduplicated form) before a verb that is visibly a predicate (followed by
//              了/着/过 or a second verb). 得到了群众积极的支持。 is a noun phrase: silent.
//   complement 跑的很快。 → 跑得很快。: a verb that takes no object, 的, a degree word and
//              a short adjective ending the clause. 他说的很对 (what he said) is not listed.
//   attributive 美丽地家园 → 美丽的家园: 地 between an adjective and a plain noun closing the clause.

const modes = ['adverbial', 'complement', 'attributive'] as const;
export const dediParams = params({ check: check(modes, 'adverbial、complement 或 attributive。', `de-di-de 规则需要 check：${modes.join('、')}`) });

/** Degree words that may stand between the subject and an adverbial adjective. */
const degree = new Set([
	'很',
	'非常',
	'十分',
	'更加',
	'更',
	'都',
	'也',
	'还',
	'又',
	'就',
	'再',
	'已经',
	'一直',
	'始终',
	'特别',
	'格外',
	'最',
	'正在',
	'在',
	'将',
	'要',
	'纷纷',
	'均',
	'应',
	'应当',
	'应该',
	'需要',
	'必须',
	'能',
	'能够',
	'会',
	'可以',
]);
/** Words that may stand before the adverbial adjective: a subject or the clause start. */
const subjectTags = /^(?:n|nr|nrt|ns|nt|nz|r|t|s|c|d|zg|k)$/;
/** Words after the verb that show it is a predicate, not a noun (学习了, 推进整改). */
const predicateAfter = /^(?:ul|uz|ug|v)$/;
/** Words the dictionary tags as nouns that are verbs after 地: 实践雄辩地证明，…, 遗憾地出局。 */
const predicateNouns = new Set([
	'证明',
	'表明',
	'说明',
	'显示',
	'反映',
	'体现',
	'证实',
	'揭示',
	'出局',
	'告别',
	'离场',
	'退场',
	'谢幕',
	'落幕',
	'胜出',
	'晋级',
	'收官',
	'回答',
	'答复',
	'回应',
	'表态',
	'对话',
]);
/** Words after the verb that are its object: 积极的参与社区活动, 积极的找寻其他工作. */
const objectTags = /^(?:n|nr|ns|nt|nz|r)$/;
/** Nouns that make a compound with a verb before them, so V+N is a noun phrase (有效的管理制度, 就业举措). */
const compoundHeads = new Set([
	'制度',
	'方案',
	'方法',
	'机制',
	'体系',
	'政策',
	'措施',
	'举措',
	'模式',
	'能力',
	'水平',
	'标准',
	'规定',
	'计划',
	'意识',
	'理念',
	'思路',
	'体制',
	'环境',
	'条件',
	'效果',
	'结果',
	'成果',
	'过程',
	'方式',
	'手段',
	'渠道',
	'平台',
	'项目',
	'工程',
	'队伍',
	'人员',
	'对象',
	'热情',
	'精神',
	'氛围',
	'格局',
	'路径',
	'空间',
	'能量',
	'质量',
	'规模',
	'目标',
	'任务',
	'责任',
	'作用',
	'意义',
	'价值',
	'经验',
	'做法',
	'态势',
	'局面',
	'基础',
	'保障',
	'服务',
	'系统',
	'领域',
	'部门',
	'单位',
	'机构',
	'中心',
	'基地',
	'力度',
	'效率',
	'速度',
	'时间',
	'需求',
	'问题',
	'效应',
	'余地',
	'作用',
	'带动',
]);
/** Verbs that are also nouns often enough that 积极的作用 must stay quiet even with a verb after. */
const nominalVerbs = new Set([
	'作用',
	'影响',
	'变化',
	'支持',
	'帮助',
	'努力',
	'贡献',
	'服务',
	'关心',
	'关注',
	'合作',
	'交流',
	'态度',
	'表现',
	'工作',
	'发展',
	'进步',
	'思考',
	'回应',
	'回答',
	'研究',
	'反应',
]);
/** Verbs that take no object here, so V的很A cannot be read as 'what was V-ed is A'. */
const complementVerbs = new Set([
	'跑',
	'走',
	'飞',
	'长',
	'睡',
	'笑',
	'哭',
	'跳',
	'游',
	'变',
	'活',
	'过',
	'干',
	'醒',
	'忙',
	'来',
	'去',
	'站',
	'坐',
	'躺',
	'发展',
	'进展',
	'推进',
	'开展',
	'落实',
	'恢复',
	'增长',
	'提升',
	'改善',
	'表现',
	'准备',
	'变化',
	'成长',
	'进行',
	'运行',
	'运转',
	'完成',
	'下降',
	'上涨',
	'生长',
	'开',
	'维持',
	'保持',
	'挣扎',
	'考',
	'玩',
	'住',
	'休息',
	'生活',
]);
const degreeComplement = /^(?:很|非常|十分|特别|相当|格外|极其|越来越|更加|更|太|挺|如此|这么|那么)[\u3400-\u9fff]{1,2}(?=[，。！？；、…,.!?;]|了|$)/;
const clauseEnd = /^[，。！？；、…,.!?;：:”’）)]/;
/** Adverbial adjectives that may stand before a verb followed by a second verb (积极的推进整改). */
const adverbialBeforeVerbs = new Set([
	'积极',
	'认真',
	'努力',
	'深入',
	'全面',
	'大力',
	'主动',
	'切实',
	'扎实',
	'稳步',
	'有效',
	'持续',
	'热情',
	'耐心',
	'仔细',
	'迅速',
	'快速',
	'广泛',
	'严格',
	'坚决',
	'彻底',
	'充分',
	'逐步',
	'准确',
	'科学',
	'合理',
	'及时',
	'尽快',
	'密切',
	'紧密',
	'顺利',
	'自觉',
]);
/** How far before its 的 the adverbial shape can start: 0, a listed word, or a doubled character (静静). */
const adverbialPrefixLengths = [...new Set([0, 2, ...[...adverbialBeforeVerbs].map((w) => w.length)])];

// Segmenting every paragraph costs more than all other rules together, so each mode first
// asks a regular expression where the paragraph can hold its shape at all, and only the
// clauses around those places are cut into words.
const gates: Record<(typeof modes)[number], RegExp> = {
	adverbial: new RegExp(`的[\\u3400-\\u9fff]{1,2}[了着过]|(?:${[...adverbialBeforeVerbs].join('|')}|([\\u3400-\\u9fff])\\1)的[\\u3400-\\u9fff]{2}`),
	complement: /的(?:很|非常|十分|特别|相当|格外|极其|越来越|更加|更|太|挺|如此|这么|那么)[\u3400-\u9fff]{1,2}(?:[，。！？；、…,.!?;]|了|$)/m,
	// 地 closing a place noun (各地、当地、基地、土地…) never starts the shape.
	attributive:
		/(?=地)(?<![各当本外基土两实场园阵大耕山绿湿草林内属产源天高腹落用原遍异就等该此多余领田境陆盆坡营墓驻宝圣胜险席])地[\u3400-\u9fff]{2,4}(?:[，。！？；、：:”’）),.!?;]|的|$)/m,
};

function isPunctuation(w: Word | undefined): boolean {
	return w === undefined || !/[\u3400-\u9fff]/.test(w.word);
}

/** 认认真真, 静静, 慢慢悠悠: reduplicated forms are adverbial whatever the tag. */
function reduplicated(word: string): boolean {
	return /^(.)\1$|^(.)\2(.)\3$|^.(.)\4$/.test(word);
}

function adverbial(text: string, list: Word[]): Hit[] {
	const hits: Hit[] = [];
	list.forEach((w, i) => {
		if (w.word !== '的' || i < 1 || i + 1 >= list.length) return;
		const adj = list[i - 1];
		const verb = list[i + 1];
		if (!(adj.tag === 'ad' || ((adj.tag === 'z' || adj.tag === 'd') && reduplicated(adj.word)))) return;
		if (verb.tag !== 'v' || nominalVerbs.has(verb.word) || verb.word.length > 2) return;
		const next = list[i + 2];
		if (isPunctuation(next)) return;
		// Left of the adjective, past any degree words: the subject or the clause start.
		let k = i - 2;
		while (k >= 0 && degree.has(list[k].word)) k--;
		if (!predicateAfter.test(next.tag ?? '')) {
			// 他也在积极的找寻其他工作: an adjective the dictionary tags as used adverbially, after an
			// adverb or auxiliary (在, 要, 都), then the verb and its object. A noun that heads a
			// compound with the verb (有效的管理制度, 示范效应) is no object.
			if (!(
				k < i - 2 &&
				adj.tag === 'ad' &&
				adj.word.length === 2 &&
				objectTags.test(next.tag ?? '') &&
				(next.word.length >= 2 || next.tag === 'r') &&
				!compoundHeads.has(next.word)
			))
				return;
		}
		// Before a second verb (推进整改) only well-known adverbial adjectives count: 积极的作用发挥 is a noun phrase.
		if (next.tag === 'v' && !adverbialBeforeVerbs.has(adj.word) && !reduplicated(adj.word)) return;
		// Nouns the dictionary tags as verbs after a verb: 扎扎实实的就业举措, 实实在在的获得感.
		if (next.tag === 'v' && (next.word.length < 2 || compoundHeads.has(next.word))) return;
		const left = list[k];
		if (left && !isPunctuation(left) && !subjectTags.test(left.tag ?? '')) return;
		// An item of a list (足够的潜力、充分的回旋余地) is no clause start.
		if (left?.word === '、') return;
		// A one-character 'noun' here is usually a mis-tagged verb ending (转变成赤裸裸的造谣).
		if (left && !isPunctuation(left) && left.word.length < 2 && left.tag !== 'k' && !/^[他她我你它]$/.test(left.word)) return;
		if (left && /^(?:进行|给予|得到|受到|作出|做出|加以|予以)$/.test(left.word)) return;
		hits.push({
			start: w.start,
			end: w.end,
			slots: { found: `${adj.word}的${verb.word}`, replace: `${adj.word}地${verb.word}` },
			fixes: [{ title: '改为“地”', text: '地' }],
		});
	});
	return hits;
}

function complement(text: string, list: Word[]): Hit[] {
	const hits: Hit[] = [];
	list.forEach((w, i) => {
		if (w.word !== '的' || i < 1) return;
		const verb = list[i - 1];
		if (!complementVerbs.has(verb.word) || text[verb.start - 1] === '所') return;
		const after = degreeComplement.exec(text.slice(w.end));
		if (!after) return;
		hits.push({
			start: w.start,
			end: w.end,
			slots: { found: `${verb.word}的${after[0]}`, replace: `${verb.word}得${after[0]}` },
			fixes: [{ title: '改为“得”', text: '得' }],
		});
	});
	return hits;
}

function attributive(text: string, list: Word[]): Hit[] {
	const hits: Hit[] = [];
	list.forEach((w, i) => {
		if (w.word !== '地' || w.tag !== 'uv' || i < 1 || i + 1 >= list.length) return;
		const adj = list[i - 1];
		const noun = list[i + 1];
		if (!/^(?:a|an|z)$/.test(adj.tag ?? '') || adj.word.length < 2) return;
		if (noun.tag !== 'n' || noun.word.length < 2 || noun.word.length > 4 || predicateNouns.has(noun.word)) return;
		if (!(i + 2 >= list.length || clauseEnd.test(text.slice(noun.end)) || list[i + 2].word === '的')) return;
		hits.push({
			start: w.start,
			end: w.end,
			slots: { found: `${adj.word}地${noun.word}`, replace: `${adj.word}的${noun.word}` },
			fixes: [{ title: '改为“的”', text: '的' }],
		});
	});
	return hits;
}

/**
 * Spans [start, end) of the places the gate matches, merged when they touch. With `starts`,
 * a sticky gate is tried only at those offsets (ascending) instead of at every character.
 */
function clausesAround(text: string, gate: RegExp, starts?: number[]): [number, number][] {
	const spans: [number, number][] = [];
	const add = (m: RegExpExecArray) => {
		const end = m.index + Math.max(1, m[0].length);
		const last = spans[spans.length - 1];
		if (last && m.index <= last[1]) last[1] = Math.max(last[1], end);
		else spans.push([m.index, end]);
	};
	if (starts) {
		for (const start of starts) {
			gate.lastIndex = start;
			const m = gate.exec(text);
			if (m) add(m);
		}
		return spans;
	}
	gate.lastIndex = 0;
	for (let m; (m = gate.exec(text)) !== null;) {
		add(m);
		gate.lastIndex = m.index + 1;
	}
	return spans;
}

/**
 * Where the adverbial shape can start: at a 的, or as many characters before one as a word
 * in front of it has. Its alternation opens with any Han character, so V8 cannot skip ahead.
 */
function adverbialStarts(text: string): number[] {
	const starts = new Set<number>();
	for (let p = text.indexOf('的'); p >= 0; p = text.indexOf('的', p + 1)) {
		for (const length of adverbialPrefixLengths) if (p >= length) starts.add(p - length);
	}
	return [...starts].sort((a, b) => a - b);
}

export const dedide: Kind = {
	name: 'de-di-de',
	params: dediParams,
	defaultMessage: '“{found}”应为“{replace}”',
	compile(entry: RuleEntry, meta: RuleMeta): CompiledRule {
		const mode = (entry as unknown as Static<typeof dediParams>).check;
		const run = { adverbial, complement, attributive }[mode];
		const sticky = mode === 'adverbial';
		const gate = new RegExp(gates[mode].source, gates[mode].flags + (sticky ? 'y' : 'g'));
		return {
			meta,
			paragraphKinds: ['body'],
			needsWords: true,
			gate: [mode === 'attributive' ? '地' : '的'],
			check(ctx) {
				const text = ctx.paragraph.text;
				const spans = clausesAround(text, gate, sticky ? adverbialStarts(text) : undefined);
				if (!spans.length) {
					return [];
				}
				const words = ctx.words();
				if (!words) return [];
				// Two places in one clause bring the same words twice: one hit per 的.
				const hits = new Map<number, Hit>();
				for (const [start, end] of spans) {
					for (const hit of run(text, words.wordsIn(start, end))) hits.set(hit.start, hit);
				}
				return [...hits.values()];
			},
		};
	},
};
