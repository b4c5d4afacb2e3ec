// The engine's public surface: text in, findings out. Nothing below this folder imports
// vscode or the language server protocol; the server and the CLI both build on it.
// One engine (session.ts) per editor session or command-line thread holds what is kept
// between lints; the rest is plain functions of their arguments.

export * from './types';
export { applyFixes, chooseFixEdits } from './fixes';
export { applyOffsetEdits, LintCaches, lintText, lintModel, minimalEdit } from './lint';
export type { LintResult, LintOptions } from './lint';
export { Engine } from './session';
export type { EngineOptions, FileLintOptions, FileLintResult } from './session';
export { parseDraft } from './textModel';
export { LineIndex } from './lineIndex';
export { Segmenter } from './segmenter';
export { adoptJiebaModule, shareableJiebaModule } from './jieba/runtime';
export { loadRuleset, addRuleText } from './ruleset';
export { builtinRuleFiles, builtinRulesDir, sourceTitle } from './builtin';
export { pathApi, portableRelative, resolveWritten, within } from './paths';
export type { Ruleset } from './ruleset';
export { resolveConfig, findConfigFiles, emptyConfig, levelOf, defaultExtensions, wordExtensions, configFileNames, readConfigFile } from './config';
export { IgnoreLists, ignoreEntryFor, ignoreFilePath, readIgnoreFile } from './ignore';
export type { IgnoreEntry } from './ignore';
export { categoryNames, severityNames } from './names';
export type { CompiledRule } from './rule';
export { ModelHolder, adoptModel, readShared, shareableModel } from './lm/loader';
export { readModelFile } from './lm/format';
export { adoptOverlays, buildOverlay, OverlayBuilder, type OverlayInfo, type SharedOverlay, shareableOverlays } from './lm/overlay';
export type { LanguageModel } from './lm/model';
export { FileLookups } from './files';
export type { Config, ResolvedConfig, Level, ConfigReader } from './config';
export { LastGoodConfigs } from './lastGood';
export {
	DataFileError,
	readDataFile,
	readRegularFile,
	readOpenFile,
	openFlags,
	fileRefusal,
	specialKind,
	maxDataFileBytes,
	maxOverlayBytes,
	maxConfigFileBytes,
} from './dataFile';
export { chineseYamlMessage } from './yamlText';
