import { existsSync, linkSync, unlinkSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { builtinRulesDir, configFileNames } from '../engine';
import { temporaryName, writeFileAtomic } from './atomicWrite.mjs';

// `newsproof init` and the editor's "Create config file" command: a commented starter
// .newsproofrc.yaml in a folder. An existing config file is never overwritten.

/** Every key of the config schema, commented out, with what it does (a test keeps them in step). */
export const starterConfig = `# newsproof 配置文件。本目录及子目录中的稿件按它检查；离稿件最近的配置文件优先，
# 编辑器和命令行（newsproof lint）读的是同一个文件。去掉行首的“# ”即启用该项。
# 写错的键、不存在的规则编号、不存在的日期都会报错：命令行以状态 2 停下，不检查任何稿件。

# 为 true 时不再向上查找上级目录的配置文件。
# root: true

# 按规则编号或规则族设置级别：off（关闭）、error、warning、info、hint。
# newsproof lint --list-rules 列出全部规则。
# rules:
#   SPC-001: info
#   TYP: warning
#   POL-021: off

# 按类别设置级别：political、sensitive、typo、numeral、date、punctuation、typography、byline。
# categories:
#   punctuation: info

# 本报自定义规则文件，格式同内置的 rules/*.yaml，路径相对于本文件。
# 每条规则都要有例句（examples 的 bad 与 good）。
# 文件名以 .rules.yaml 结尾，VS Code 即按规则文件的格式提示和校验；写法见 docs/house-rules.md。
# ruleFiles:
#   - house.rules.yaml

# 分词时保持完整的词：本地人名、地名、机构简称。
# words: [经开区, 新联会]

# 刊发日期（年-月-日），用于核对相对日期和星期；不写时取电头日期或文件名中的日期。
# publicationDate: 2021-11-25

# 本报记者、通讯员名单：署名与名单只差一个字时提示。
# staff: [王赛华, 柴琳琳]

# 本地领导的姓名、职务和排序，格式同内置的 rules/people.yaml，路径相对于本文件。
# people:
#   - names/local.yaml

# 本报易混词：错误形式 find，正确形式 replace。
# typos:
#   - { find: 经开去, replace: 经开区 }

# 本报认可的词：落在这些词内的错别字提示不报。
# accept: [有的放矢]

# 本报稿件统计成的语言模型增补文件（newsproof lm add 生成），路径相对于本文件。
# lmOverlay: [.newsproof/lm-overlay.lm]

# 命令行检查的文件类型，默认 .txt .md .news。
# extensions: [.txt, .md, .news]

# 本报体例开关，见 docs/style-switches.md。
# style:
#   bylinePosition: end        # 署名单列稿末；dateline：放在电头后的括号内
#   quotedListComma: none      # “甲”“乙”之间不加顿号；keep：保留顿号
#   latinSpacing: none         # 中文与数字、西文之间不加空格；spaced：加一个空格（AutoCorrect 的做法）
`;

/**
 * The first line that points yaml-language-server (Neovim, Helix, the YAML extension) at a
 * schema of this installation, by a path relative to `folder`, when the installation lies
 * inside it (newsproof in the project's node_modules); otherwise none, since a path into one
 * machine's install would break on the next. VS Code associates the files by their names.
 */
export function schemaModeline(folder: string, schema: string): string {
	const path = relative(folder, join(builtinRulesDir(), 'schema', schema));
	if (!path || isAbsolute(path) || path.startsWith('..')) return '';
	return `# yaml-language-server: $schema=./${path.split(sep).join('/')}\n`;
}

export class ConfigExistsError extends Error {
	constructor(readonly file: string) {
		super(`已有配置文件 ${file}，未覆盖`);
	}
}

/**
 * Writes the starter config into `folder` and returns its path. Refuses (ConfigExistsError)
 * when the folder already has a config file, also one created while this one was written:
 * the new file is linked into place, which fails rather than replace anything.
 */
export function writeStarterConfig(folder: string): string {
	const file = join(folder, configFileNames[0]);
	const existing = configFileNames.map((n) => join(folder, n)).find((f) => existsSync(f));
	if (existing) throw new ConfigExistsError(existing);
	const temp = temporaryName(file);
	writeFileAtomic(temp, schemaModeline(folder, 'config.schema.json') + starterConfig);
	try {
		linkSync(temp, file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new ConfigExistsError(file);
		throw new Error(`无法创建 ${file}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
	} finally {
		unlinkSync(temp);
	}
	return file;
}
