/** Messages of the command line itself: usage, summaries, refusals. */
import type { Bilingual } from "../catalog.js";

export const CLI_MESSAGES = {
  "hint.didYouMean": { zh: "（是不是 `{suggestion}`？）", en: " (did you mean `{suggestion}`?)" },
  "error.rootNotFound": {
    zh: "找不到数据仓库：从 {dir} 向上没有找到 channel.yaml（可用 --data 指定目录，或用 channel init 新建）",
    en: "no data repository: no channel.yaml in {dir} or any folder above it (use --data DIR, or create one with channel init)",
  },
  "error.dataDirMissing": { zh: "--data 指定的目录 {dir} 中没有 channel.yaml", en: "--data {dir} holds no channel.yaml" },
  "error.badLang": { zh: "--lang 只能是 zh 或 en，不能是 {value}", en: "--lang must be zh or en, not {value}" },
  "error.badDate": { zh: "{option} 需要一个真实的日期，如 2012-03-31，而不是 {value}", en: "{option} needs a real day such as 2012-03-31, not {value}" },
  "error.badFormat": { zh: "--format 只能是 {allowed}，不能是 {value}", en: "--format must be one of {allowed}, not {value}" },
  "error.usage": { zh: "用法错误：{detail}", en: "usage error: {detail}" },
  "error.internal": {
    zh: "内部错误：{detail}（这是 channel 的缺陷，请报告；设置 CHANNEL_DEBUG=1 可看到详情）",
    en: "internal error: {detail} (a defect of channel, please report it; CHANNEL_DEBUG=1 shows details)",
  },
  "error.outIsDataFile": { zh: "拒绝写入 {file}：它是仓库中的数据文件", en: "refusing to write {file}: it is a data file of the repository" },
  "error.outExists": { zh: "{file} 已存在；加 --force 覆盖", en: "{file} exists; add --force to overwrite it" },
  "error.writeFailed": { zh: "无法写入 {file}：{reason}", en: "cannot write {file}: {reason}" },
  "load.changedWhileRead": {
    zh: "{file} 在 channel 读取仓库的过程中被改动了（编辑器正在保存？）。结果未输出；请保存好文件后重新运行",
    en: "{file} changed while channel was reading the repository (an editor saving it?); nothing was output. Save the file, then run the command again",
  },
  "validate.summary": {
    zh: "{errors} 个错误，{warnings} 个警告，共检查 {files} 个文件",
    en: "{errors} error(s), {warnings} warning(s) in {files} file(s) checked",
  },
  "validate.clean": { zh: "没有发现问题：共检查 {files} 个文件", en: "no problems found in {files} file(s) checked" },
  "init.created": { zh: "已创建 {file}", en: "created {file}" },
  "init.kept": { zh: "已存在，保留不动：{file}", en: "exists, left as it is: {file}" },
  "init.done": {
    zh: "数据仓库已就绪：{dir}。下一步：cd 进入该目录，运行 channel validate",
    en: "data repository ready in {dir}. Next: cd into it and run channel validate",
  },
  "init.notEmptyRepo": {
    zh: "{dir} 中已有 channel.yaml：init 只补上仓库结构需要而缺少的文件（schema、编辑器设置、.gitignore），从不添加示例数据，也不覆盖任何文件",
    en: "{dir} already holds channel.yaml: init adds only what the repository's structure needs and is missing (schemas, editor settings, .gitignore), never example data, and overwrites nothing",
  },
  "help.version": { zh: "显示版本号", en: "show the version number" },
  "help.help": { zh: "显示帮助", en: "show help" },
  "help.helpCommand": { zh: "显示某个命令的帮助", en: "show help for a command" },
  "help.data": { zh: "数据仓库目录（默认：向上找到的第一个含 channel.yaml 的目录）", en: "data repository root (default: the nearest folder up holding channel.yaml)" },
  "help.asOf": { zh: "计算日期 YYYY-MM-DD（默认：仓库时区的今天）", en: "the day to compute for, YYYY-MM-DD (default: today in the repository's timezone)" },
  "help.format": {
    zh: "输出格式：validate 为 text|json；report monthly 为 md|html|csv|json；report summary 另可 html；其他命令为 table|json|csv|md",
    en: "output format: validate text|json; report monthly md|html|csv|json; report summary also html; other commands table|json|csv|md",
  },
  "help.out": { zh: "输出写入文件而不是标准输出", en: "write the output to a file instead of stdout" },
  "help.force": { zh: "与 --out 一起用：覆盖已有文件", en: "with --out: overwrite an existing file" },
  "help.lang": { zh: "语言 zh 或 en（默认：CHANNEL_LANG，其次 channel.yaml 的 language，再次系统语言）", en: "zh or en (default: CHANNEL_LANG, then language in channel.yaml, then the locale)" },
  "help.noColor": { zh: "不使用颜色（也可设置 NO_COLOR）", en: "no colour (NO_COLOR does the same)" },
  "help.noCache": { zh: "不读也不写缓存（缓存在用户缓存目录，位置可用 CHANNEL_CACHE_DIR 指定）", en: "neither read nor write the cache (kept in the user's cache folder; CHANNEL_CACHE_DIR moves it)" },
  "help.quiet": { zh: "不显示进度和提示（如 log 的跟进提示）", en: "show no progress and no hints (such as log's follow-up hint)" },
  "progress.files": { zh: "正在读取文件 {done}/{total}…", en: "reading files {done}/{total}…" },
  "help.validate": { zh: "校验数据：列出每个问题及其 文件:行:列", en: "check the data: every problem with its file:line:col" },
  "help.strict": { zh: "警告也按错误处理", en: "treat warnings as errors" },
  "help.init": { zh: "新建数据仓库（从不覆盖已有文件）", en: "create a new data repository (never overwrites a file)" },
  "cli.description": {
    zh: "银行渠道人员的档案、校验、奖励、跟进与报表工具",
    en: "archive, validation, bonus, follow-ups and reports for bank-channel staff",
  },
  "error.outNotAFile": {
    zh: "拒绝写入 {file}：它不是普通文件、管道或终端（字符设备）",
    en: "refusing to write {file}: it is not a regular file, a pipe or a terminal (character device)",
  },
  "init.outsideRepo": {
    zh: "拒绝初始化：{folder} 是符号链接，指向仓库之外（{real}）；init 只在 {dir} 之内写文件",
    en: "refusing to initialise: {folder} is a symlink that leads outside the repository ({real}); init writes only inside {dir}",
  },
  "init.existingDone": {
    zh: "已向现有仓库 {dir} 补充 {count} 个文件",
    en: "added {count} file(s) to the existing repository {dir}",
  },
  "init.existingNothing": {
    zh: "现有仓库 {dir} 不缺任何文件，未作改动",
    en: "nothing was missing in the existing repository {dir}; nothing changed",
  },
  "error.dateOutOfRange": {
    zh: "{option} {value} 超出了支持的日期范围：只能是 {first} 年到 {last} 年之间的日期",
    en: "{option} {value} is outside the dates channel supports: the years {first} to {last}",
  },
  "error.badMonth": { zh: "{option} 需要 YYYY-MM 形式的月份，如 2012-03，而不是 {value}", en: "{option} needs a month such as 2012-03, not {value}" },
} satisfies Record<string, Bilingual>;
