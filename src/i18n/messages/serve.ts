/** Messages of `channel serve` (issue 27): the archive in a browser. */
import type { Bilingual } from "../catalog.js";

export const SERVE_MESSAGES = {
  // Help.
  "serve.help": { zh: "在浏览器中查看档案（只读，本机 127.0.0.1）", en: "browse the archive in a web browser (read-only, on 127.0.0.1)" },
  "serve.help.port": { zh: "端口（默认 7420；0 表示任选一个空闲端口）", en: "port (default 7420; 0 picks a free one)" },
  "serve.help.open": { zh: "启动后用默认浏览器打开", en: "open the default browser once started" },
  "serve.help.host": {
    zh: "监听的地址（默认 127.0.0.1，只有本机能访问；其他地址会让局域网里的人也能看到档案）",
    en: "address to listen on (default 127.0.0.1, this computer only; any other lets others on the network read the archive)",
  },
  "serve.help.noRedact": { zh: "不隐藏个人信息（电话、客户姓名、金额、备注全部显示，只供内部使用）", en: "show personal data unmasked (phones, prospects' names, amounts, notes; internal use only)" },

  "help.examples.serve": {
    zh: "  channel serve                     # 在 http://127.0.0.1:7420/ 浏览档案\n  channel serve --open --port 8080  # 换个端口并打开浏览器\n  channel serve --no-redact         # 显示全部个人信息（仅限内部）",
    en: "  channel serve                     # browse at http://127.0.0.1:7420/\n  channel serve --open --port 8080  # another port, and open the browser\n  channel serve --no-redact         # personal data unmasked (internal only)",
  },

  // Start-up and errors.
  "serve.listening": { zh: "档案浏览：{url}  （只读；按 Ctrl-C 停止）", en: "archive at {url}  (read-only; Ctrl-C to stop)" },
  "serve.maskedNotice": { zh: "个人信息已隐藏；要显示全部请加 --no-redact", en: "personal data is masked; --no-redact shows it" },
  "serve.unmaskedNotice": { zh: "注意：个人信息未隐藏（--no-redact），请勿把页面给外部人员看", en: "note: personal data is NOT masked (--no-redact): do not show these pages outside the firm" },
  "serve.warnHost": {
    zh: "警告：监听 {host}，不只是本机：同一网络中能连到这台电脑的人都能读到档案（没有密码）",
    en: "warning: listening on {host}, not only this computer: anyone who can reach it on the network can read the archive (there is no password)",
  },
  "serve.error.badPort": { zh: "--port 应是 0 到 65535 的整数，而不是“{value}”", en: "--port takes a whole number from 0 to 65535, not '{value}'" },
  "serve.error.badHost": { zh: "--host 应是一个 IP 地址或 localhost，而不是“{value}”", en: "--host takes an IP address or localhost, not '{value}'" },
  "serve.error.portInUse": { zh: "端口 {port} 已被占用；请用 --port 换一个（--port 0 任选空闲端口）", en: "port {port} is in use; pick another with --port (--port 0 picks a free one)" },
  "serve.error.listen": { zh: "无法在 {host}:{port} 上监听：{detail}", en: "cannot listen on {host}:{port}: {detail}" },
  "serve.openFailed": { zh: "没能打开浏览器（{detail}）；请手动打开 {url}", en: "could not open a browser ({detail}); open {url} yourself" },

  // The page frame.
  "serve.nav.today": { zh: "今日跟进", en: "Today" },
  "serve.nav.branches": { zh: "支行与人员", en: "Branches & people" },
  "serve.nav.coverage": { zh: "档案完整度", en: "Coverage" },
  "serve.nav.kpis": { zh: "业务趋势", en: "KPI trends" },
  "serve.nav.bonus": { zh: "转化奖励", en: "Bonus" },
  "serve.nav.expenses": { zh: "费用支持", en: "Expense support" },
  "serve.nav.monthly": { zh: "月度报表", en: "Monthly reports" },
  "serve.nav.validate": { zh: "数据检查", en: "Validate" },
  "serve.frame.asOf": { zh: "基准日 {date}", en: "as of {date}" },
  "serve.frame.readOnly": { zh: "只读：此页面从不修改数据文件；文件改动后刷新即可看到", en: "read-only: these pages never change the data files; reload to see changes on disk" },
  "serve.frame.masked": {
    zh: "个人信息已隐藏：电话只显示前后几位，潜在客户只显示姓，不显示金额、备注、地址、账号和私人档案字段（启动时加 --no-redact 可显示全部）",
    en: "Personal data masked: phones partly starred, prospects shown by surname only, no amounts, notes, addresses, accounts or private archive fields (start with --no-redact to show everything)",
  },
  "serve.frame.unmasked": {
    zh: "个人信息未隐藏（--no-redact）：页面含电话、姓名、金额和备注，仅供内部使用",
    en: "Personal data NOT masked (--no-redact): these pages show phones, names, amounts and notes; internal use only",
  },
  "serve.frame.skipped": { zh: "有 {count} 个文件因错误未读入：{files}（见“数据检查”）", en: "{count} file(s) left out for their errors: {files} (see Validate)" },
  "serve.frame.none": { zh: "无", en: "none" },

  // Errors as pages.
  "serve.page.notFound": { zh: "没有这个页面", en: "No such page" },
  "serve.page.notFoundDetail": { zh: "这个地址不是档案浏览的页面。", en: "This address is not one of the archive's pages." },
  "serve.page.noSuchBranch": { zh: "没有编号为“{id}”的支行", en: "No branch with the id '{id}'" },
  "serve.page.noSuchPerson": { zh: "没有编号为“{id}”的人员或客户", en: "No staff member or prospect with the id '{id}'" },
  "serve.page.noSuchFile": { zh: "档案中没有文件“{file}”", en: "The archive has no file '{file}'" },
  "serve.page.badDate": { zh: "日期有误", en: "Wrong date" },
  "serve.page.refusedMoney": {
    zh: "数据中有 {errors} 个错误，这一页涉及金额或要交给银行，拒绝在有错误的数据上计算。请先看“数据检查”并改正。",
    en: "The data has {errors} error(s); this page computes money or a report for the bank, which is refused on data with errors. See Validate and fix them first.",
  },
  "serve.page.noPolicy": { zh: "channel.yaml 中没有 {section} 政策", en: "channel.yaml has no {section} policy" },
  "serve.page.internalError": { zh: "出错了：{detail}", en: "Something went wrong: {detail}" },

  // Today.
  "serve.today.title": { zh: "跟进提醒（{date}起 {within} 天）", en: "Follow-ups (from {date}, {within} days)" },
  "serve.today.group.escalated": { zh: "已升级 ({count})", en: "Escalated ({count})" },
  "serve.today.filter.owner": { zh: "负责人", en: "Owner" },
  "serve.today.filter.branch": { zh: "支行", en: "Branch" },
  "serve.today.filter.kind": { zh: "事项", en: "Kind" },
  "serve.today.filter.asOf": { zh: "基准日", en: "As of" },
  "serve.today.filter.all": { zh: "全部", en: "all" },
  "serve.today.filter.apply": { zh: "筛选", en: "Filter" },
  "serve.today.filter.reset": { zh: "清除筛选", en: "Clear" },
  "serve.today.truncated": { zh: "只显示前 {shown} 项（共 {total} 项）；请按负责人、支行或事项筛选", en: "showing the first {shown} of {total} items; narrow the list with the filters" },
  "serve.today.maskedBirthdays": { zh: "隐藏个人信息时不列生日提醒（日期即生日）", en: "birthdays are not listed while personal data is masked (the day is the birthday)" },

  // Cards.
  "serve.branches.title": { zh: "支行与人员", en: "Branches and people" },
  "serve.branches.count": { zh: "共 {branches} 个支行，{staff} 名在职人员，{prospects} 名潜在客户", en: "{branches} branches, {staff} staff present, {prospects} prospects" },
  "serve.col.branch": { zh: "支行", en: "Branch" },
  "serve.col.department": { zh: "营业部", en: "Department" },
  "serve.col.owner": { zh: "负责人", en: "Owner" },
  "serve.col.staff": { zh: "人员", en: "Staff" },
  "serve.col.prospects": { zh: "潜在客户", en: "Prospects" },
  "serve.col.openItems": { zh: "待办", en: "Open items" },
  "serve.col.name": { zh: "姓名", en: "Name" },
  "serve.col.tier": { zh: "类别", en: "Tier" },
  "serve.col.nextFollowup": { zh: "下次跟进", en: "Next follow-up" },
  "serve.col.month": { zh: "月份", en: "Month" },
  "serve.card.prospects": { zh: "潜在客户", en: "Prospects" },
  "serve.basis.asset": { zh: "资产转入", en: "assets transferred" },
  "serve.basis.fund": { zh: "购买基金", en: "fund bought" },
  "serve.basis.product": { zh: "购买 {product}", en: "bought {product}" },
  "serve.reason.hiddenAmount": { zh: "未达最低金额（金额已隐藏）", en: "below the minimum (amount hidden)" },

  // Coverage.
  "serve.coverage.title": { zh: "档案完整度（{date}）", en: "Archive coverage ({date})" },
  "serve.coverage.overall": { zh: "全部支行平均 {share}", en: "{share} on average over all branches" },
  "serve.coverage.legend": { zh: "每格是该支行这一部分档案的填写比例（各项平均）；颜色越红缺得越多。点支行名看它的卡片。", en: "Each cell is how much of that part of the branch's archive is filled (mean of its items); the redder, the more is missing. Click a branch for its card." },
  "serve.coverage.col.all": { zh: "合计", en: "All" },
  "serve.coverage.departments": { zh: "按营业部", en: "By department" },

  // KPIs.
  "serve.kpis.title": { zh: "业务趋势：{branch}", en: "KPI trends: {branch}" },
  "serve.kpis.pick": { zh: "选择支行", en: "Branch" },
  "serve.kpis.show": { zh: "查看", en: "Show" },
  "serve.kpis.sales": { zh: "我司产品销售", en: "Our sales" },
  "serve.kpis.none": { zh: "这个支行还没有业务数据或销售记录", en: "no KPI months or sales recorded for this branch yet" },
  "serve.kpis.description": { zh: "{branch} 各月存款、贵宾客户、新开户和我司销售", en: "{branch}: deposits, VIP customers, new accounts and our sales by month" },
  "serve.kpis.noData": { zh: "无", en: "n/a" },

  // Money.
  "serve.bonus.title": { zh: "转化奖励（截至 {date}）", en: "Conversion bonus (as of {date})" },
  "serve.bonus.summary": { zh: "已奖励 {awarded} 人，共 {amount}；剩余名额 {left}", en: "{awarded} awarded, {amount} in total; {left} place(s) left" },
  "serve.bonus.byDepartment": { zh: "按营业部", en: "By department" },
  "serve.bonus.byBranch": { zh: "各支行名额", en: "Places per branch" },
  "serve.bonus.candidates": { zh: "转化人员（先到先得）", en: "Conversions (first come, first served)" },
  "serve.bonus.col.awarded": { zh: "已奖励", en: "Awarded" },
  "serve.bonus.col.amount": { zh: "金额", en: "Amount" },
  "serve.bonus.col.left": { zh: "剩余名额", en: "Places left" },
  "serve.expenses.byDepartment": { zh: "按营业部", en: "By department" },
  "serve.expenses.col.scheme": { zh: "方案", en: "Scheme" },
  "serve.expenses.col.sales": { zh: "计入销售", en: "Sales counted" },
  "serve.expenses.col.support": { zh: "费用支持", en: "Support" },
  "serve.expenses.col.explanation": { zh: "说明", en: "How" },
  "serve.expenses.col.reported": { zh: "报备总部", en: "Reported" },
  "serve.expenses.col.excluded": { zh: "未计入", en: "Left out" },

  // Monthly.
  "serve.monthly.pick": { zh: "报表对象", en: "Audience" },
  "serve.monthly.audience.bank": { zh: "给银行", en: "for the bank" },
  "serve.monthly.audience.internal": { zh: "内部", en: "internal" },
  "serve.monthly.future": { zh: "{month} 还没开始（基准日 {asOf}）", en: "{month} has not begun (as of {asOf})" },

  // Validate.
  "serve.validate.title": { zh: "数据检查", en: "Validation" },
  "serve.validate.clean": { zh: "没有发现问题（{files} 个文件）", en: "no problems found ({files} files)" },
  "serve.validate.counts": { zh: "{errors} 个错误，{warnings} 个提醒（{files} 个文件）", en: "{errors} error(s), {warnings} warning(s) in {files} files" },
  "serve.validate.col.where": { zh: "位置", en: "Where" },
  "serve.validate.col.severity": { zh: "级别", en: "Severity" },
  "serve.validate.col.code": { zh: "代码", en: "Code" },
  "serve.validate.col.message": { zh: "问题", en: "Problem" },
  "serve.validate.error": { zh: "错误", en: "error" },
  "serve.validate.warning": { zh: "提醒", en: "warning" },
  "serve.validate.truncated": { zh: "只列出前 {shown} 个（共 {total} 个）", en: "the first {shown} of {total} shown" },
  "serve.source.title": { zh: "{file} 第 {line} 行附近", en: "{file} around line {line}" },
  "serve.source.unreadable": { zh: "这个文件读不出文本（见上面的问题）", en: "this file has no readable text (see the problems above)" },
  "serve.source.maskedNote": { zh: "文件内容按原样显示，只把电话号码隐藏了一部分", en: "the file is shown as written, with phone numbers partly starred" },
} as const satisfies Record<string, Bilingual>;
