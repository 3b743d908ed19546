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
    zh: "{dir} 中已有 channel.yaml；init 不会覆盖任何文件，只补上缺少的",
    en: "{dir} already holds channel.yaml; init overwrites nothing and only adds what is missing",
  },
  "cli.description": {
    zh: "银行渠道人员的档案、校验、奖励、跟进与报表工具",
    en: "archive, validation, bonus, follow-ups and reports for bank-channel staff",
  },
} satisfies Record<string, Bilingual>;
