import { isAbsolute, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, Severity } from '../engine';
import { categoryNames, type FileReport, paragraphOf } from './report';
import type { RuleInfo } from './rules';

// SARIF 2.1.0 for code-scanning dashboards and CI annotations. Columns are UTF-16 code
// units, SARIF's default and the engine's own, so ranges carry over with a +1 only. In a
// Word document a line is a paragraph: the location says 段 n and its context region holds
// the paragraph's text.

const wordMimeType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const sarifLevel: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

function uriOf(file: string, cwd: string): { uri: string; uriBaseId?: string } {
	const abs = resolve(cwd, file);
	const rel = relative(cwd, abs);
	if (!rel.startsWith('..') && !isAbsolute(rel)) {
		return { uri: rel.split('\\').join('/').split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
	}
	return { uri: pathToFileURL(abs).href };
}

function region(d: Pick<Finding, 'range'>) {
	return {
		startLine: d.range.start.line + 1,
		startColumn: d.range.start.character + 1,
		endLine: d.range.end.line + 1,
		endColumn: d.range.end.character + 1,
	};
}

export interface SarifOptions {
	version: string;
	cwd: string;
}

export function formatSarif(reports: FileReport[], rules: Map<string, RuleInfo>, options: SarifOptions): string {
	const used = new Set<string>();
	for (const r of reports) for (const d of r.diagnostics) used.add(d.ruleId);
	// Every rule that can be reported is described; ids met only in findings (house rules from a
	// nearer config, the findings limit) get a minimal entry.
	const ids = [...new Set([...rules.keys(), ...used])].sort();
	const ruleIndex = new Map(ids.map((id, i) => [id, i]));
	const descriptors = ids.map((id) => {
		const info = rules.get(id);
		if (!info) {
			return { id, shortDescription: { text: id }, properties: { tags: ['newsproof'] } };
		}
		const summary = (info.explain || info.message).split('。')[0] || id;
		return {
			id,
			name: id.replace(/-/g, ''),
			shortDescription: { text: summary },
			fullDescription: { text: info.explain || info.message },
			...(info.helpUri ? { helpUri: info.helpUri } : {}),
			help: {
				text: [info.explain, info.source.length ? `依据：${info.source.join('；')}` : ''].filter(Boolean).join('\n'),
			},
			defaultConfiguration: { level: sarifLevel[info.severity], enabled: info.level !== 'off' },
			properties: { category: info.category, tags: [categoryNames[info.category], info.category] },
		};
	});
	const artifacts: { location: { uri: string; uriBaseId?: string }; encoding?: string; mimeType?: string }[] = [];
	const notifications: object[] = [];
	const results: object[] = [];
	for (const r of reports) {
		const location = uriOf(r.file, options.cwd);
		const artifactIndex = artifacts.length;
		artifacts.push({ location, ...(r.encoding ? { encoding: r.encoding } : {}), ...(r.kind === 'docx' ? { mimeType: wordMimeType } : {}) });
		if (r.skipped) {
			notifications.push({
				level: 'error',
				message: { text: `${r.file}：${r.skipped}` },
				locations: [{ physicalLocation: { artifactLocation: { ...location, index: artifactIndex } } }],
				descriptor: { id: 'newsproof-io' },
			});
			continue;
		}
		for (const d of r.diagnostics) {
			const artifactLocation = { ...location, index: artifactIndex };
			const paragraph = paragraphOf(r, d);
			const context = paragraph ? { contextRegion: { startLine: paragraph.number, endLine: paragraph.number, snippet: { text: paragraph.text } } } : {};
			results.push({
				ruleId: d.ruleId,
				ruleIndex: ruleIndex.get(d.ruleId),
				level: sarifLevel[d.severity],
				message: { text: d.message },
				locations: [
					{
						physicalLocation: { artifactLocation, region: { ...region(d), ...(d.text ? { snippet: { text: d.text } } : {}) }, ...context },
						...(paragraph ? { message: { text: `段 ${paragraph.number}` } } : {}),
					},
				],
				...(d.fixes.length
					? {
							fixes: d.fixes.map((f) => ({
								description: { text: f.title },
								artifactChanges: [
									{
										artifactLocation,
										replacements: f.edits.map((e) => ({ deletedRegion: region(e), insertedContent: { text: e.newText } })),
									},
								],
							})),
						}
					: {}),
				properties: { category: d.category, severity: d.severity, certainFix: d.certain },
			});
		}
	}
	const log = {
		$schema: 'https://json.schemastore.org/sarif-2.1.0.json',
		version: '2.1.0',
		runs: [
			{
				tool: {
					driver: {
						name: 'newsproof',
						fullName: 'newsproof 新闻校对',
						version: options.version,
						semanticVersion: options.version,
						informationUri: ruleHome(rules),
						rules: descriptors,
					},
				},
				originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd + '/').href } },
				invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
				artifacts,
				columnKind: 'utf16CodeUnits',
				results,
			},
		],
	};
	return JSON.stringify(log, null, 2) + '\n';
}

function ruleHome(rules: Map<string, RuleInfo>): string | undefined {
	const first = rules.values().next().value as RuleInfo | undefined;
	return first?.helpUri?.replace(/#.*$/, '');
}
