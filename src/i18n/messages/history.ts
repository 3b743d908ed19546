/** Messages of reading git history: `bonus`/`expenses --as-recorded` (history.*) and `channel audit` (audit.*). */
import type { Bilingual } from "../catalog.js";

export const HISTORY_MESSAGES = {
  "money.help.asRecorded": {
    zh: "按 git 记录计算：用截至 --as-of 当天日终最后一次提交中的数据（总部当天能看到的），不看未提交的改动",
    en: "compute from git history: the data as committed at the end of the --as-of day (what head office could know then), ignoring uncommitted changes",
  },
  "money.error.invalidRecordedData": {
    zh: "按记录的数据（提交 {commit}，{committedAt}）中有 {errors} 个错误，拒绝计算金额；上面列出的是该提交中的问题",
    en: "the data as recorded (commit {commit}, {committedAt}) has {errors} error(s); refusing to compute money on it. The problems above are in that commit",
  },
  "history.error.gitMissing": {
    zh: "找不到 git 程序：按记录计算和审计要读取 git 历史，请先安装 git",
    en: "git was not found: computing as recorded and auditing read the git history; install git first",
  },
  "history.error.notWorkTree": {
    zh: "{dir} 不在 git 仓库中，没有可读的提交历史；请在数据仓库中用 git 提交数据后再试",
    en: "{dir} is not inside a git work tree: there is no history to read; commit the data with git first",
  },
  "history.error.gitFailed": { zh: "读取 git 历史失败：{detail}", en: "reading the git history failed: {detail}" },
  "history.error.noCommit": {
    zh: "截至 {day} 日终（{timezone}）仓库还没有任何提交，无法得知当时记录的数据",
    en: "no commit was made by the end of {day} ({timezone}): there is no record of the data then",
  },
  "history.error.incomplete": {
    zh: "这是一个浅克隆（shallow clone），历史不完整，无法确定截至 {day} 日终（{timezone}）记录的数据；请先运行 git fetch --unshallow",
    en: "this is a shallow clone: the history is incomplete, so the data as recorded at the end of {day} ({timezone}) cannot be known for sure; run git fetch --unshallow first",
  },
  "history.error.noData": {
    zh: "提交 {commit}（{committedAt}）中 {dir} 下还没有 channel.yaml，当时没有记录数据",
    en: "commit {commit} ({committedAt}) has no channel.yaml in {dir}: no data was recorded then",
  },
  "history.asRecorded": {
    zh: "按记录计算：{day} 日终前的最后一次提交 {commit}（提交于 {committedAt}）",
    en: "as recorded: the last commit by the end of {day}, {commit} (committed {committedAt})",
  },
  "history.uncommittedIgnored": {
    zh: "注意：未提交的改动已忽略（{count} 个文件：{files}）",
    en: "note: uncommitted changes were ignored ({count} file(s): {files})",
  },

  "audit.help": {
    zh: "审计：从 git 历史查每条转化、备案、支行报备和销售最早在哪次提交中录入，找出事后补录、截止后录入和获奖变化",
    en: "audit: from git history, when each conversion, registration, branch report and sale was first committed, and what was recorded after the fact or the deadline, or changed an award",
  },
  "audit.error.incomplete": {
    zh: "这是一个浅克隆（shallow clone），历史不完整，无法判断记录最早何时提交，不作猜测；请先运行 git fetch --unshallow 再审计",
    en: "this is a shallow clone: the history is incomplete, so when records were first committed cannot be told, and the audit does not guess; run git fetch --unshallow first",
  },
  "audit.notice.deadlineInvalid": {
    zh: "注意：截止日（{deadline}）记录的数据有错误，比较获奖时只用了无错误的文件（跳过：{files}）",
    en: "note: the data as recorded at the deadline ({deadline}) has errors; the award comparison used only the files without errors (skipped: {files})",
  },
  "audit.title": { zh: "审计（截至 {asOf}，时区 {timezone}）", en: "Audit (as of {asOf}, timezone {timezone})" },
  "audit.none": { zh: "没有发现问题", en: "no findings" },
  "audit.summary": { zh: "发现 {findings} 个问题；共核对 {records} 条记录", en: "{findings} finding(s); {records} record(s) checked" },
  "audit.recordsTitle": { zh: "每条记录最早录入的提交：", en: "When each record was first committed:" },
  "audit.header.code": { zh: "问题", en: "finding" },
  "audit.header.kind": { zh: "类别", en: "kind" },
  "audit.header.file": { zh: "文件", en: "file" },
  "audit.header.record": { zh: "记录", en: "record" },
  "audit.header.claimed": { zh: "填写的日期", en: "claimed" },
  "audit.header.firstCommitted": { zh: "最早提交于", en: "first committed" },
  "audit.header.commit": { zh: "提交", en: "commit" },
  "audit.header.detail": { zh: "说明", en: "detail" },
  "audit.code.recorded_after_the_fact": { zh: "事后补录", en: "recorded after the fact" },
  "audit.code.recorded_after_deadline": { zh: "截止后录入", en: "recorded after the deadline" },
  "audit.code.award_changed": { zh: "获奖结果变化", en: "award changed" },
  "audit.kind.conversion": { zh: "转化", en: "conversion" },
  "audit.kind.hq_registered": { zh: "总部备案", en: "registration" },
  "audit.kind.hq_reported": { zh: "支行报备", en: "branch report" },
  "audit.kind.sale": { zh: "销售", en: "sale" },
  "audit.unknownCommit": { zh: "（不在所读历史中）", en: "(not in the history read)" },
  "audit.detail.registration_after_conversion": {
    zh: "备案日期写在转化（{conversionAt}）之前，但备案直到 {committedAt} 才提交，晚于转化当天{conversionCommitted}",
    en: "the registration is dated before the conversion ({conversionAt}) but was committed only {committedAt}, after the conversion's day{conversionCommitted}",
  },
  "audit.detail.conversionCommitted": { zh: "（转化于 {committedAt} 提交）", en: " (the conversion was committed {committedAt})" },
  "audit.detail.report_after_sale": {
    zh: "报备日期写在销售（{saleDate}，共 {sales} 笔）之前，但报备直到 {committedAt} 才提交，晚于销售{saleCommitted}",
    en: "the report is dated before the sales ({saleDate}, {sales} in all) but was committed only {committedAt}, after them{saleCommitted}",
  },
  "audit.detail.saleCommitted": { zh: "（销售于 {committedAt} 提交）", en: " (the sale was committed {committedAt})" },
  "audit.detail.conversion_after_deadline": {
    zh: "转化日期在截止日 {deadline} 之前，但直到 {committedAt} 才提交，截止日当天总部看不到",
    en: "the conversion is dated by the deadline {deadline} but was committed only {committedAt}: head office could not see it on the deadline",
  },
  "audit.detail.sale_after_end": {
    zh: "销售日期在费用支持截止日 {end} 之前，但直到 {committedAt} 才提交",
    en: "the sale is dated by the end of expense support {end} but was committed only {committedAt}",
  },
  "audit.detail.award_changed": {
    zh: "截止日 {deadline} 的记录：{before}；现在：{after}",
    en: "as recorded on the deadline {deadline}: {before}; now: {after}",
  },
  "audit.outcome.absent": { zh: "不是候选人", en: "not a candidate" },
} satisfies Record<string, Bilingual>;
