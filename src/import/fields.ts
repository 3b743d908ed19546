/**
 * What a column can hold, per record kind: the field it fills (and where in the record), how
 * its cells are read, and the headers that name it, in Chinese and English. The headers
 * `channel export` writes (the catalogue's `sheet.col.*` in both languages) are always among
 * them, so an exported sheet imports again without a map.
 */
import { LANGS, t, type MessageKey } from "../i18n/catalog.js";
import { labelKey } from "./values.js";
import { IMPORT_KINDS, type ImportKind } from "./kinds.js";

export { IMPORT_KINDS, type ImportKind };

export type FieldType =
  | "id"
  | "name"
  | "text"
  | "line"
  | "position"
  | "yesno"
  | "gender"
  | "phone"
  | "qq"
  | "email"
  | "day"
  | "birthday"
  | "lunar"
  | "count"
  | "money"
  | "tier"
  | "source"
  | "staffRef"
  | "customerRef"
  | "activityKind"
  | "people"
  | "peopleIds"
  /** A column channel writes for people to read (支行, 类别…): known, and left out on import. */
  | "derived";

export interface FieldDef {
  /** The name used in messages and in --map (`phone`, `source_staff`). */
  field: string;
  type: FieldType;
  /** Where the value goes in the record: ["phone"], ["source", "staff"]; empty for derived columns. */
  path: string[];
  required?: boolean;
  /** Headers naming the field, besides `sheet.col.<field>` in both languages and the field name itself. */
  aliases: string[];
}

const f = (field: string, type: FieldType, aliases: string[], extra: Partial<FieldDef> = {}): FieldDef => ({
  field,
  type,
  path: type === "derived" ? [] : [field],
  aliases,
  ...extra,
});

const COMMON_DERIVED: FieldDef[] = [
  f("branch", "derived", ["支行名称", "网点", "网点名称", "所在支行"]),
  f("branch_id", "derived", []),
  f("department", "derived", ["营业部名称", "所属营业部"]),
];

const CONTACT: FieldDef[] = [
  f("phone", "phone", ["手机", "电话", "手机号", "手机号码", "联系电话", "电话号码", "移动电话", "联系方式", "mobile", "tel", "telephone", "phone number", "mobile phone", "cell"]),
  f("wechat", "line", ["微信", "微信号", "wechat id", "weixin"]),
  f("qq", "qq", ["qq号", "qq号码"]),
  f("email", "email", ["邮箱", "电子邮箱", "电子邮件", "邮件", "e-mail", "mail"]),
];

const BIRTHDAYS: FieldDef[] = [
  f("birthday", "birthday", ["生日", "出生日期", "出生年月日", "公历生日", "生日(公历)", "生日(阳历)", "阳历生日", "date of birth", "dob", "birth date", "birthdate"]),
  f("lunar_birthday", "lunar", ["农历生日", "阴历生日", "生日(农历)", "生日(阴历)", "lunar birthday"]),
];

const STAFF_FIELDS: FieldDef[] = [
  f("id", "id", ["标识", "人员标识", "编号(id)"]),
  f("name", "name", ["姓名", "名字", "员工姓名", "人员姓名", "full name"], { required: true }),
  f("position", "position", ["职务", "岗位", "职位", "职务/岗位", "岗位/职务", "职务岗位", "title", "job title", "role", "post"], { required: true }),
  f("key", "yesno", ["核心", "核心人物", "是否核心", "是否核心人物", "key person"]),
  f("gender", "gender", ["性别", "sex"]),
  ...CONTACT,
  ...BIRTHDAYS,
  f("joined", "day", ["入行时间", "入行日期", "入职时间", "入职日期", "参加工作时间", "进行时间", "date joined", "start date", "joined bank"]),
  f("hq_registered", "day", ["备案日期", "备案时间", "总部备案", "总部备案日期", "registered", "hq registration"]),
  f("left", "day", ["离职日期", "离开日期", "离职时间", "离行日期", "调离日期", "调出日期", "date left", "left on"]),
  f("left_note", "line", ["离开说明", "离职原因", "离职说明", "去向", "调往", "调动说明", "left note", "where to"]),
  f("history", "text", ["工作经历", "履历", "经历", "work history"]),
  f("hobbies", "text", ["爱好", "兴趣爱好", "兴趣", "hobby", "interests"]),
  f("family", "text", ["家庭情况", "家庭", "家庭成员"]),
  f("personality", "text", ["性格", "性格特点", "性格特征"]),
  f("values", "text", ["价值观"]),
  f("schedule", "text", ["工作安排", "日程", "例会", "日程安排"]),
  f("relationships", "text", ["人际关系", "关系", "人脉"]),
  f("notes", "text", ["备注", "说明", "其他", "remarks", "remark", "note", "comments"]),
  ...COMMON_DERIVED,
  f("category", "derived", ["人员类别"]),
];

const PROSPECT_FIELDS: FieldDef[] = [
  f("id", "id", ["标识", "客户标识", "客户编号(id)"]),
  f("name", "name", ["姓名", "客户姓名", "客户名称", "称呼", "名字", "客户", "full name", "customer", "customer name"], { required: true }),
  f("tier", "tier", ["客户类型", "客户级别", "客户分类", "级别", "类型", "type", "level", "customer type"]),
  ...CONTACT,
  f("work_phone", "phone", ["单位电话", "办公电话", "工作电话", "公司电话", "office phone", "work phone", "work tel"]),
  f("home_phone", "phone", ["住宅电话", "家庭电话", "家里电话", "宅电", "住宅座机", "home phone", "home tel"]),
  f("gender", "gender", ["性别", "sex"]),
  f("age", "count", ["年龄"]),
  ...BIRTHDAYS,
  f("address", "text", ["地址", "联系地址", "通讯地址"]),
  f("home_address", "text", ["家庭住址", "家庭地址", "住址", "home"]),
  f("work_address", "text", ["工作地址", "单位地址", "公司地址", "work"]),
  f("occupation", "text", ["职业", "工作单位", "单位", "职务", "工作", "job", "employer"]),
  f("family", "text", ["家庭情况", "家庭", "家庭成员"]),
  f("income_monthly", "money", ["月收入", "收入", "月薪", "income", "monthly income"]),
  f("hobbies", "text", ["爱好", "兴趣爱好", "兴趣", "hobby", "interests"]),
  f("attitude", "text", ["投资理财观念", "理财观念", "投资观念", "风险偏好", "risk appetite"]),
  f("products", "text", ["已选择理财品种", "理财品种", "投资品种", "已购产品", "products held"]),
  f("broker", "text", ["合作券商", "券商", "开户券商", "securities firm"]),
  f("frequency", "text", ["交易频率", "trading frequency"]),
  f("institutions", "text", ["合作机构", "往来机构"]),
  f("fee_acceptance", "text", ["佣金接受度", "佣金", "commission"]),
  f("source", "source", ["来源", "客户来源", "来源类型", "渠道来源", "source kind"], { path: ["source", "kind"] }),
  f("source_staff", "staffRef", ["推荐人", "推荐员工", "推荐行员", "介绍人", "referred by", "referrer"], { path: ["source", "staff"] }),
  f("source_customer", "customerRef", ["推荐客户", "介绍客户", "referring customer"], { path: ["source", "customer"] }),
  f("next_followup", "day", ["下次跟进", "下次跟进日期", "跟进日期", "下次联系", "next follow-up", "follow-up"]),
  f("converted_date", "day", ["开户日期", "转化日期", "开户时间", "account opened", "converted"], { path: ["converted", "date"] }),
  // Issue 25: the day first recorded; without a column, the import day (plan.ts).
  f("found", "day", ["发现日期", "采集日期", "登记日期", "首次记录日期", "found", "found on", "date found"]),
  f("notes", "text", ["备注", "说明", "其他", "remarks", "remark", "note", "comments"]),
  ...COMMON_DERIVED,
];

const ACTIVITY_FIELDS: FieldDef[] = [
  f("date", "day", ["日期", "联络日期", "联系日期", "时间", "拜访日期", "day"], { required: true }),
  f("kind", "activityKind", ["方式", "联络方式", "联系方式", "类型", "活动类型", "type", "method"], { required: true }),
  f("with", "people", ["对象", "联络对象", "联系对象", "拜访对象", "人员", "客户", "contact", "people", "person"]),
  f("with_ids", "peopleIds", [], { path: ["with"] }),
  f("by", "line", ["经办人", "经办", "联系人", "我方人员", "渠道人员", "staff"]),
  f("note", "text", ["说明", "内容", "备注", "事项", "notes", "remarks", "content"]),
  ...COMMON_DERIVED,
];

export const FIELDS: Readonly<Record<ImportKind, readonly FieldDef[]>> = {
  staff: STAFF_FIELDS,
  prospects: PROSPECT_FIELDS,
  activities: ACTIVITY_FIELDS,
};

/** The catalogue key of a field's column header, as `channel export` writes it. */
export function headerKey(field: string): MessageKey {
  return `sheet.col.${field}` as MessageKey;
}

/**
 * A header as looked up: normalised, without a required-marker `*`, a trailing colon, or a
 * note in brackets (`手机（必填）`); the full text is tried first, so `生日（农历）` stays itself.
 */
export function headerKeys(header: string): string[] {
  const base = labelKey(header).replace(/^\*+|\*+$/g, "").replace(/[:：]+$/, "");
  const bare = base.replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, "");
  return bare !== base && bare !== "" ? [base, bare] : [base];
}

/** Header text → field, for one kind. */
export function headerIndex(kind: ImportKind): Map<string, FieldDef> {
  const index = new Map<string, FieldDef>();
  const add = (label: string, def: FieldDef) => {
    const key = headerKeys(label)[0]!;
    if (key !== "" && !index.has(key)) index.set(key, def);
  };
  // The export's own headers and the field names win over looser aliases.
  for (const def of FIELDS[kind]) {
    for (const lang of LANGS) add(t(lang, headerKey(def.field)), def);
    add(def.field, def);
  }
  for (const def of FIELDS[kind]) for (const alias of def.aliases) add(alias, def);
  return index;
}

export function fieldDef(kind: ImportKind, field: string): FieldDef | undefined {
  return FIELDS[kind].find((d) => d.field === field);
}
