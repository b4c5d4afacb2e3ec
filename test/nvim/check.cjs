#!/usr/bin/env node
// Assertions on the Neovim harness report (test/nvim/run.sh). Exit status 1 on any failure.
const fs = require('fs');
const r = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
let failed = 0;
const check = (ok, what, detail) => {
	console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || detail === undefined ? '' : ` (got ${JSON.stringify(detail)})`}`);
	if (!ok) failed++;
};

check(r.ok === true, 'harness run completed', r.error);
check(String(r.diagnosticsMode).startsWith('push'), 'Neovim 0.7 gets pushed diagnostics (no pull offered)', r.diagnosticsMode);
check((r.positionEncoding || {}).nvimUses === 'utf-16', 'UTF-16 positions', r.positionEncoding);
const diags = r.diagnostics || [];
const space = diags.find((d) => d.code === 'SPC-001' && d.line === 1);
check(
	!!space,
	'SPC-001 reported on the line with 𠮷',
	diags.map((d) => [d.code, d.line]),
);
if (space) {
	// 𠮷𠮷 are two astral characters: four UTF-16 units, eight UTF-8 bytes, two code points.
	check(space.character === 9 && space.endCharacter === 10, 'range (1,9)-(1,10) in UTF-16 units', [space.character, space.endCharacter]);
	check(space.coveredText === ' ' && space.positionValid === true, 'Neovim maps the range onto the stray space', space.coveredText);
	check(space.coveredTextIfServerCounted['utf-32'] !== ' ', 'a code-point count would have missed it (the check can tell)', space.coveredTextIfServerCounted);
}
const emoji = diags.find((d) => d.code === 'SPC-001' && d.line === 2);
check(!!emoji && emoji.character === 10 && emoji.coveredText === ' ', 'SPC-001 after 😀 at (2,10)', emoji);
check(
	diags.every((d) => d.positionValid && d.coveredText.length > 0),
	'every diagnostic covers real text',
	diags.map((d) => d.coveredText),
);
const fix = r.firstFix || {};
check(fix.title === '删除空格' && fix.editStartsAtDiagnostic === true, 'first quick fix deletes the space, starting at the diagnostic', fix.title);
check(
	(fix.edits || []).every((e) => e.positionValid && e.replacedText === ' '),
	'Neovim replaced exactly the space',
	fix.edits,
);
const lines = String(r.textAfterFirstFix || '').split('\n');
check(lines[1] === '𠮷𠮷报道：全区6个办事处，大家再接再励。', 'Neovim applied the fix to the right characters', lines[1]);
check(lines[2] === '普通的一行😀，巡察 64个单位。', 'the emoji line is untouched', lines[2]);
const after = r.diagnosticsAfterFix || [];
check(!after.some((d) => d.code === 'SPC-001' && d.line === 1), 're-lint after the fix clears the fixed space', after);
const typo = after.find((d) => d.code === 'TYP-005');
check(
	!!typo && typo.line === 1 && typo.character === 17 && typo.coveredText === '再接再励',
	'TYP-005 (after the dictionary loads) at (1,17) covers 再接再励',
	typo,
);
const actions = (r.codeActions || []).flatMap((c) => c.actions.map((a) => a.title));
check(
	actions.some((t) => t.startsWith('忽略此处的 SPC-001')),
	'ignore action offered',
	actions,
);
check(
	actions.some((t) => t === '在本工作区停用规则 SPC-001'),
	'disable-rule action offered',
	actions,
);
const relint = (r.timings || {}).relint || {};
check(
	(relint.runs || []).every((x) => typeof x.ms === 'number'),
	'every edit re-linted',
	relint.runs,
);
check(r.shutdown && r.shutdown.graceful && r.shutdown.exitCode === 0, 'server exits cleanly on shutdown/exit', r.shutdown);
const t = r.timings || {};
console.log(
	`timings: initialize ${t.initializeMs} ms, first diagnostics ${t.startToFirstDiagnosticsMs} ms, fix→diagnostics ${t.fixToDiagnosticsMs} ms, re-lint median ${relint.medianMs} ms`,
);
console.log(failed ? `${failed} check(s) failed` : 'all checks passed');
process.exit(failed ? 1 : 0);
