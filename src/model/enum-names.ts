/**
 * The Chinese names of every enum's codes: the one table that the schemas' enums (codes and
 * names with their descriptions, written by scripts/sync-schema-enums.mjs, which also says how to
 * add a kind), the model (names read as codes) and
 * the spreadsheet import (names recognised in cells) all follow. The first name of a code is
 * its usual one; files may use any of them, outputs always use the code.
 */
import type { DoneKind } from "../rules/followup-kinds.js";
import type { Position } from "./types.js";
import type { GreetGroup } from "./holidays.js";

export const ENUM_NAMES = {
  position: {
    branch_head: ["行长", "支行行长"],
    deputy_head: ["副行长", "支行副行长"],
    retail_supervisor: ["零售主管"],
    accounting_supervisor: ["会计主管"],
    credit_supervisor: ["信贷主管"],
    hall_manager: ["营业厅经理"],
    lobby_manager: ["大堂经理"],
    teller: ["柜员", "柜台人员", "综合柜员"],
    clerk: ["职员"],
    security_guard: ["保安", "保安员"],
    cleaner: ["保洁", "清洁工", "保洁员"],
    vip_wealth_manager: ["贵宾理财经理", "贵宾理财客户经理"],
    wealth_manager: ["理财经理", "低柜理财客户经理", "高级理财经理", "理财师"],
    loan_manager: ["个贷客户经理", "个人贷款客户经理", "个贷经理"],
    counter_supervisor: ["柜面负责人"],
    customer_service: ["客服", "客服人员"],
    corporate_manager: ["公司业务客户经理", "公司客户经理", "对公客户经理"],
    card_sales: ["信用卡营销", "信用卡中心营销人员", "信用卡专员"],
    insurance_agent: ["保险营销", "保险营销人员"],
    bank_promoter: ["手机银行/信用卡推广", "手机银行人员"],
    company_cashier: ["企业会计出纳", "会计出纳"],
    // issue 24: the field manual's own titles (the first name of each code is what outputs show)
    branch_director: ["网点主任"],
    accountant: ["会计"],
    account_manager: ["客户经理"],
    community_contact: ["物业/居委会联系人", "物业联系人", "居委会联系人"],
  } satisfies Record<Position, readonly string[]>,
  gender: { F: ["女"], M: ["男"] },
  tier: { basic: ["简易客户", "简易信息"], valuable: ["有价值客户"] },
  activity: {
    call: ["电话"],
    sms: ["短信"],
    wechat: ["微信"],
    email: ["邮件"],
    visit: ["拜访"],
    meal: ["宴请"],
    gift: ["送礼"],
    report: ["汇报", "向行领导汇报"],
    event: ["活动"],
    training: ["培训"],
    other: ["其他"],
  },
  competitor: { securities: ["证券"], insurance: ["保险"], fund: ["基金"], bank: ["银行"], other: ["其他"] },
  source: {
    staff_referral: ["银行员工推荐"],
    assisted: ["协助营销"],
    event: ["活动"],
    customer_referral: ["客户转介绍"],
    walk_in: ["临柜", "自然到访"],
    community: ["社区开发"],
  },
  level: { sub_branch: ["支行"], city_branch: ["分行"] },
  done: {
    prospect_followup: ["客户跟进", "约定跟进"],
    maturity: ["产品到期", "到期提醒"],
    large_movement: ["大额异动", "大额资金异动"],
    complaint: ["投诉"],
    care_call: ["关怀回访"],
  } satisfies Record<DoneKind, readonly string[]>,
  event: { large_movement: ["大额资金异动"], maturity: ["产品到期兑付"], life_event: ["人生大事"], complaint: ["投诉"], other: ["其他"] },
  // issue 23: whom a holiday's `greet` and `log --to` name; the categories by the names of the staff table.
  greet: {
    all_staff: ["全体员工", "全体"],
    key: ["核心人物"],
    leader: ["负责人"],
    daily: ["日常交往"],
    influencer: ["影响力"],
    resource: ["客户资源"],
    external: ["驻点及往来"],
    female_staff: ["女员工"],
    male_staff: ["男员工"],
    valuable: ["有价值客户"],
    customers: ["客户", "已成交客户"],
  } satisfies Record<GreetGroup, readonly string[]>,
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type EnumKind = keyof typeof ENUM_NAMES;

/** Every value a file may write for an enum: its codes, then their Chinese names (the schema's `enum`). */
export function enumValues(kind: EnumKind): string[] {
  const table = ENUM_NAMES[kind] as Record<string, readonly string[]>;
  return [...Object.keys(table), ...Object.values(table).flat()];
}

/** The code of a value written as a code or a Chinese name; the value itself when it is neither. */
export function enumCode(kind: EnumKind, value: string): string {
  const table = ENUM_NAMES[kind] as Record<string, readonly string[]>;
  if (Object.hasOwn(table, value)) return value;
  for (const [code, names] of Object.entries(table)) if (names.includes(value)) return code;
  return value;
}

/** Code and usual name of each code among `allowed`, as messages list them: `call 电话`. */
export function describeAllowed(allowed: readonly string[]): string[] {
  const out: string[] = [];
  for (const table of Object.values(ENUM_NAMES) as Record<string, readonly string[]>[]) {
    const codes = Object.keys(table);
    if (codes.length !== allowed.filter((v) => codes.includes(v)).length || !codes.every((c) => allowed.includes(c))) continue;
    for (const code of codes) out.push(`${code} ${table[code]![0]}`);
    return out;
  }
  return [...allowed];
}

