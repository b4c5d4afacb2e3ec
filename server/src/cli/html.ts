import { categories, type Category, type Finding, type Severity, severities } from '../engine';
import { categoryNames, type FileReport, placeOf, rateOf, severityNames, totalsOf } from './report';
import type { RuleInfo } from './rules';

// A proofreading report for the chief editor: one self-contained page (no scripts, no
// outside files) to read in a browser or print. Each story with findings is shown in full
// with the flagged text marked and numbered; the notes under it explain each finding and
// give the suggested correction. Counts per category and per 10,000 characters on top.

const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const style = `
:root { --error: #c62828; --warning: #b26a00; --info: #1565c0; --hint: #607d8b; }
body { font: 16px/1.7 "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, serif; margin: 0 auto; max-width: 52em; padding: 1.5em; color: #222; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; padding-bottom: .2em; }
table { border-collapse: collapse; margin: .8em 0; }
th, td { border: 1px solid #ccc; padding: .2em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.meta { color: #555; font-size: .9em; }
nav ol { padding-left: 1.5em; }
nav .count { color: #555; font-size: .9em; }
.text { white-space: pre-wrap; border-left: 3px solid #ddd; padding: .3em 0 .3em 1em; margin: 1em 0; }
mark { background: #fde7e7; border-bottom: 2px solid var(--error); padding: 0 1px; }
mark.sev-warning { background: #fff3d6; border-color: var(--warning); }
mark.sev-info { background: #e3f0fd; border-color: var(--info); }
mark.sev-hint { background: #eef2f4; border-color: var(--hint); }
mark.insert { background: none; border: none; color: var(--error); font-weight: bold; }
sup a { text-decoration: none; font-size: .75em; color: #444; }
.notes { font-size: .92em; padding-left: 2.2em; }
.notes li { margin-bottom: .6em; }
.sev { font-weight: bold; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); }
.sev-info .sev { color: var(--info); } .sev-hint .sev { color: var(--hint); }
.fix { color: #1b5e20; }
.explain { color: #555; font-size: .9em; display: block; }
code { font-family: ui-monospace, monospace; font-size: .9em; }
.skipped { color: var(--error); }
@media print {
	body { max-width: none; padding: 0; font-size: 11pt; }
	nav { break-after: page; }
	section.story { break-before: page; }
	a { color: inherit; text-decoration: none; }
	mark { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function worst(findings: Finding[]): Severity {
	return findings.reduce<Severity>((w, f) => (rank[f.severity] < rank[w] ? f.severity : w), 'hint');
}

/** The story's text with every finding marked; overlapping findings split into segments. */
export function markedText(source: string, findings: Finding[], fileId: string): string {
	const numbered = findings.map((f, i) => ({ f, n: i + 1, start: f.offset.start, end: f.offset.end }));
	const points = new Set<number>([0, source.length]);
	for (const x of numbered) {
		points.add(x.start);
		points.add(x.end);
	}
	const sorted = [...points].filter((p) => p >= 0 && p <= source.length).sort((a, b) => a - b);
	const anchored = new Set<number>();
	const out: string[] = [];
	const sup = (ns: number[]) => (ns.length ? `<sup>${ns.map((n) => `<a href="#${fileId}-n${n}">${n}</a>`).join(',')}</sup>` : '');
	for (let i = 0; i < sorted.length; i++) {
		const a = sorted[i];
		// Insertion points (a missing mark) show as a caret where the text should go.
		for (const x of numbered.filter((x) => x.start === a && x.end === a)) {
			out.push(`<mark class="insert sev-${x.f.severity}" id="${fileId}-m${x.n}" title="${escapeHtml(`${x.f.ruleId} ${x.f.message}`)}">‸</mark>${sup([x.n])}`);
		}
		if (i + 1 >= sorted.length) break;
		const b = sorted[i + 1];
		const covering = numbered.filter((x) => x.start <= a && x.end >= b && x.start < x.end);
		const piece = escapeHtml(source.slice(a, b));
		if (!covering.length) {
			out.push(piece);
			continue;
		}
		const first = covering.find((x) => !anchored.has(x.n));
		const id = first ? ` id="${fileId}-m${first.n}"` : '';
		for (const x of covering) anchored.add(x.n);
		const title = covering.map((x) => `${x.n}. ${x.f.ruleId} ${x.f.message}`).join('\n');
		out.push(`<mark class="sev-${worst(covering.map((x) => x.f))}"${id} title="${escapeHtml(title)}">${piece}</mark>`);
		out.push(sup(covering.filter((x) => x.end === b).map((x) => x.n)));
	}
	return out.join('');
}

function note(r: FileReport, f: Finding, n: number, fileId: string, info: RuleInfo | undefined): string {
	const where = placeOf(r, f);
	const parts = [
		`<a href="#${fileId}-m${n}">${where}</a>`,
		`<span class="sev">${severityNames[f.severity]}</span>`,
		`<code>${escapeHtml(f.ruleId)}</code>`,
		escapeHtml(categoryNames[f.category] ?? f.category),
		'—',
		escapeHtml(f.message),
	];
	let html = parts.join(' ');
	if (f.text) html += `　原文：“${escapeHtml(f.text)}”`;
	if (f.fixes.length) {
		const choices = f.fixes.map((x) => escapeHtml(x.title)).join('；或 ');
		html += `<br><span class="fix">${f.certain ? '建议修改' : '可选修改'}：${choices}</span>`;
	}
	if (info?.explain) {
		const link = info.helpUri ? ` <a href="${escapeHtml(info.helpUri)}">规则说明</a>` : '';
		html += `<span class="explain">${escapeHtml(info.explain)}${info.source.length ? `（依据：${escapeHtml(info.source.join('，'))}）` : ''}${link}</span>`;
	}
	return `<li id="${fileId}-n${n}" class="sev-${f.severity}" value="${n}">${html}</li>`;
}

function categoryTable(reports: FileReport[]): string {
	const rows: string[] = [];
	const t = totalsOf(reports);
	const cell = (c: Category, s: Severity) => reports.reduce((n, r) => n + r.diagnostics.filter((d) => d.category === c && d.severity === s).length, 0);
	for (const c of categories) {
		if (!t.byCategory[c]) continue;
		rows.push(
			`<tr><td>${categoryNames[c]}</td>${severities.map((s) => `<td>${cell(c, s)}</td>`).join('')}<td>${t.byCategory[c]}</td><td>${rateOf(t.byCategory[c], t.characters)}</td></tr>`,
		);
	}
	rows.push(`<tr><th>合计</th>${severities.map((s) => `<th>${t.bySeverity[s]}</th>`).join('')}<th>${t.findings}</th><th>${t.rate}</th></tr>`);
	return `<table class="categories"><thead><tr><th>类别</th>${severities.map((s) => `<th>${severityNames[s]}</th>`).join('')}<th>合计</th><th>每万字</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export interface HtmlOptions {
	title?: string;
	generated?: Date;
}

/** A time as the desk reads it: local time, with its offset from UTC. */
export function localTime(date: Date): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const offset = -date.getTimezoneOffset();
	const zone = `UTC${offset >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}（${zone}）`;
}

/**
 * The report runs nothing and loads nothing: its only style is inline, and links may be
 * followed but no script, frame, form or remote resource is allowed.
 */
const contentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

export function formatHtml(reports: FileReport[], rules: Map<string, RuleInfo>, options: HtmlOptions = {}): string {
	const t = totalsOf(reports);
	const title = options.title ?? 'newsproof 校对报告';
	const when = localTime(options.generated ?? new Date());
	const withFindings = reports.map((r, i) => ({ r, id: `f${i + 1}` })).filter(({ r }) => r.diagnostics.length || r.skipped);
	const clean = reports.filter((r) => !r.diagnostics.length && !r.skipped);
	const toc = withFindings
		.map(
			({ r, id }) =>
				`<li><a href="#${id}">${escapeHtml(r.file)}</a> <span class="count">${r.skipped ? '<span class="skipped">未能检查</span>' : `${r.diagnostics.length} 处，每万字 ${rateOf(r.diagnostics.length, r.characters)} 处`}</span></li>`,
		)
		.join('\n');
	const stories = withFindings.map(({ r, id }) => {
		const head = `<h2>${escapeHtml(r.file)}</h2>`;
		if (r.skipped) {
			return `<section class="story" id="${id}">${head}<p class="skipped">${escapeHtml(r.skipped)}</p></section>`;
		}
		const counts = severities
			.filter((s) => r.diagnostics.some((d) => d.severity === s))
			.map((s) => `${severityNames[s]} ${r.diagnostics.filter((d) => d.severity === s).length}`);
		const meta = `<p class="meta">${r.characters} 字，${r.diagnostics.length} 处（${counts.join('，')}），每万字 ${rateOf(r.diagnostics.length, r.characters)} 处${r.encoding && r.encoding !== 'utf-8' ? `；编码 ${r.encoding.toUpperCase()}` : ''}${r.kind === 'docx' ? `；Word 文档，${r.source?.split('\n').length ?? 0} 段，位置按“段:字”` : ''}</p>`;
		const text = r.source !== undefined ? `<div class="text">${markedText(r.source, r.diagnostics, id)}</div>` : '';
		const notes = `<ol class="notes">${r.diagnostics.map((d, i) => note(r, d, i + 1, id, rules.get(d.ruleId))).join('\n')}</ol>`;
		return `<section class="story" id="${id}">${head}${meta}${text}${notes}</section>`;
	});
	const cleanList = clean.length ? `<h3>未发现问题的文件（${clean.length}）</h3><p class="meta">${clean.map((r) => escapeHtml(r.file)).join('，')}</p>` : '';
	return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="newsproof">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="meta">生成于 ${when}；${t.files} 个文件，${t.characters} 字；共 ${t.findings} 处，每万字 ${t.rate} 处${t.skipped ? `；${t.skipped} 个文件未能检查` : ''}</p>
${categoryTable(reports)}
</header>
<nav id="toc">
<h2>目录</h2>
${withFindings.length ? `<ol>\n${toc}\n</ol>` : '<p>所有文件均未发现问题。</p>'}
${cleanList}
</nav>
<main>
${stories.join('\n')}
</main>
</body>
</html>
`;
}
