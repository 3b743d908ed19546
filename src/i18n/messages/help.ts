/**
 * The words of the help screens that commander would print in English (titles, `[options]`,
 * the placeholders of options and arguments, its usage errors), and each command's examples.
 * Example lines are the help's last lines: each stays within 80 terminal columns.
 */
import type { Bilingual } from "../catalog.js";

export const HELP_MESSAGES = {
  "help.title.usage": { zh: "用法：", en: "Usage:" },
  "help.title.arguments": { zh: "参数：", en: "Arguments:" },
  "help.title.options": { zh: "选项：", en: "Options:" },
  "help.title.globalOptions": { zh: "全局选项：", en: "Global Options:" },
  "help.title.commands": { zh: "命令：", en: "Commands:" },
  "help.title.examples": { zh: "示例：", en: "Examples:" },
  // The placeholders of the usage line, option flags and arguments (`[options]`, `<dir>`).
  "help.word.options": { zh: "选项", en: "options" },
  "help.word.command": { zh: "命令", en: "command" },
  "help.word.dir": { zh: "目录", en: "dir" },
  "help.word.date": { zh: "日期", en: "date" },
  "help.word.format": { zh: "格式", en: "format" },
  "help.word.file": { zh: "文件", en: "file" },
  "help.word.lang": { zh: "语言", en: "lang" },
  "help.word.id": { zh: "编号", en: "id" },
  "help.word.days": { zh: "天数", en: "days" },
  "help.word.name": { zh: "姓名", en: "name" },
  "help.word.kind": { zh: "类别", en: "kind" },
  "help.word.text": { zh: "内容", en: "text" },
  "help.word.month": { zh: "月份", en: "month" },
  "help.word.people": { zh: "人员", en: "people" },
  // commander's usage errors, in our words (the caller adds "usage error: ").
  "help.error.unknownCommand": { zh: "没有 {name} 这个命令{hint}\n运行 channel --help 查看全部命令", en: "unknown command '{name}'{hint}\nchannel --help lists them all" },
  "help.error.unknownOption": { zh: "{command} 没有 {name} 这个选项{hint}\n运行 {command} --help 查看用法", en: "unknown option '{name}' for {command}{hint}\n{command} --help shows what it takes" },
  "help.error.missingArgument": { zh: "{command} 缺少参数 <{name}>\n运行 {command} --help 查看用法", en: "{command} needs the argument <{name}>\n{command} --help shows how" },
  "help.error.optionMissingArgument": { zh: "选项 {name} 后面要写一个值", en: "option {name} needs a value after it" },
  "help.error.missingMandatoryOption": { zh: "{command} 必须写选项 {name}", en: "{command} needs the option {name}" },
  "help.error.excessArguments": { zh: "{command} 多了参数：最多 {expected} 个，实际 {got} 个", en: "too many arguments for {command}: at most {expected}, got {got}" },

  "help.examples.channel": {
    zh: "  channel init 我的数据              # 新建一个数据仓库\n  channel validate                   # 检查全部数据\n  channel followups --within 3       # 未来 3 天要做的事",
    en: "  channel init my-data               # a new data repository\n  channel validate                   # check all the data\n  channel followups --within 3       # what is due in the next 3 days",
  },
  "help.examples.validate": {
    zh: "  channel validate                   # 列出每个问题及其位置\n  channel validate --strict          # 有警告也以 1 退出\n  channel validate --format json     # 给其他程序读",
    en: "  channel validate                   # every problem and where it is\n  channel validate --strict          # exit 1 on warnings too\n  channel validate --format json     # for other programs",
  },
  "help.examples.bonus": {
    zh: "  channel bonus                              # 本仓库各营业部的转化奖励\n  channel bonus --department sz-futian       # 只看福田营业部\n  channel bonus --as-recorded --as-of 2012-03-31   # 当天总部能看到的",
    en: "  channel bonus                              # every department here\n  channel bonus --department sz-futian       # one department only\n  channel bonus --as-recorded --as-of 2012-03-31   # as head office knew it",
  },
  "help.examples.expenses": {
    zh: "  channel expenses                           # 各营业部的费用支持\n  channel expenses --format md --out 费用.md  # 存成 Markdown\n  channel expenses --as-recorded --as-of 2012-03-31  # 当天提交的记录",
    en: "  channel expenses                           # each department's support\n  channel expenses --format md --out exp.md  # as Markdown\n  channel expenses --as-recorded --as-of 2012-03-31  # as committed then",
  },
  "help.examples.audit": {
    zh: "  channel audit                              # 从 git 历史审计全部记录\n  channel audit --as-of 2012-04-30           # 只看 4 月 30 日日终前的提交\n  channel audit --format csv --out 审计.csv   # 存成表格",
    en: "  channel audit                              # every record, from git history\n  channel audit --as-of 2012-04-30           # commits by the end of Apr 30\n  channel audit --format csv --out audit.csv  # as a spreadsheet",
  },
  "help.examples.followups": {
    zh: "  channel followups                          # 今天和未来 7 天要做的事\n  channel followups --branch cmb-futian-center --within 3\n  channel followups --kind birthday --ics 生日.ics   # 导入手机日历",
    en: "  channel followups                          # today and the next 7 days\n  channel followups --branch cmb-futian-center --within 3\n  channel followups --kind birthday --ics birthdays.ics  # for a calendar",
  },
  "help.examples.log": {
    zh: "  channel log 赵国强 --kind visit --note 送中秋月饼\n  channel log p-chen-001 --done 产品到期 大额异动 --next 2012-03-28\n  channel log --branch cmb-houhai --kind event --plan --date 2012-04-14",
    en: "  channel log 赵国强 --kind visit --note \"mooncakes\"\n  channel log p-chen-001 --done maturity large_movement --next 2012-03-28\n  channel log --branch cmb-houhai --kind event --plan --date 2012-04-14",
  },
  "help.examples.report": {
    zh: "  channel report monthly --branch cmb-futian-center --month 2012-03\n  channel report summary --format html --out 汇总.html",
    en: "  channel report monthly --branch cmb-futian-center --month 2012-03\n  channel report summary --format html --out summary.html",
  },
  "help.examples.report.monthly": {
    zh: "  channel report monthly --branch cmb-futian-center --month 2012-03\n  channel report monthly --branch cmb-futian-center --month 2012-03 \\\n    --format html --out 福田中心支行-2012-03.html\n  channel report monthly --branch cmb-futian-center --month 2012-03 \\\n    --audience internal --out 福田中心支行-2012-03-内部.html    # 内部使用版",
    en: "  channel report monthly --branch cmb-futian-center --month 2012-03\n  channel report monthly --branch cmb-futian-center --month 2012-03 \\\n    --format html --out futian-2012-03.html\n  channel report monthly --branch cmb-futian-center --month 2012-03 \\\n    --audience internal --out futian-2012-03-internal.html   # internal use",
  },
  "help.examples.report.summary": {
    zh: "  channel report summary                     # 总部汇总\n  channel report summary --format html --out 汇总.html",
    en: "  channel report summary                     # head office's summary\n  channel report summary --format html --out summary.html",
  },
  "help.examples.coverage": {
    zh: "  channel coverage                           # 每个支行的档案完整度\n  channel coverage --branch cmb-futian-center  # 一个支行缺哪些信息\n  channel coverage --as-of 2012-03-31          # 按这一天的在职人员和近三月数据",
    en: "  channel coverage                           # how complete each branch is\n  channel coverage --branch cmb-futian-center  # what one branch lacks\n  channel coverage --as-of 2012-03-31          # measured as of a day",
  },
  "help.examples.import": {
    zh: "  channel import staff --branch cmb-futian-center --from 人员.xlsx\n  channel import staff --branch cmb-futian-center --from 人员.xlsx --apply\n  channel import prospects --branch cmb-futian-center --from 客户.csv",
    en: "  channel import staff --branch cmb-futian-center --from staff.xlsx\n  channel import staff --branch cmb-futian-center --from staff.xlsx --apply\n  channel import prospects --branch cmb-futian-center --from prospects.csv",
  },
  "help.examples.export": {
    zh: "  channel export staff --department sz-futian --out 福田人员.xlsx\n  channel export followups --out 跟进.csv\n  channel export prospects --redact --out 潜在客户.xlsx   # 隐去电话等",
    en: "  channel export staff --department sz-futian --out futian-staff.xlsx\n  channel export followups --out followups.csv\n  channel export prospects --redact --out prospects.xlsx  # phones hidden",
  },
  "help.examples.hook": {
    zh: "  channel hook install                       # 在数据仓库里运行\n  channel hook install --data 数据            # 数据在 git 仓库的子目录里",
    en: "  channel hook install                       # from inside the data\n  channel hook install --data data           # data in a subfolder",
  },
  "help.examples.init": {
    zh: "  channel init 我的数据                      # 新建并填好示例\n  channel init                               # 在当前目录补上缺少的文件",
    en: "  channel init my-data                       # a new one, with examples\n  channel init                               # add what is missing here",
  },
} satisfies Record<string, Bilingual>;
