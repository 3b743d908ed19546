/**
 * The usual Chinese words for each field of the data files (issue 24): what someone typing in
 * Chinese writes as a key (`名称: 国泰君安`, `职务: 柜员`), so that validation can answer
 * "write `name`". One word may name fields of different files (职务 is a staff member's
 * `position` and a prospect's `occupation`; 备注 is `notes`, or an activity's `note`): the
 * field the entry actually has is the one meant.
 */
export const FIELD_WORDS: Readonly<Record<string, readonly string[]>> = {
  id: ["编号", "代码", "标识", "代号"],
  name: ["名称", "姓名", "名字", "客户姓名", "人员姓名", "机构名称", "支行名称", "营业部名称"],
  position: ["职务", "职位", "岗位"],
  key: ["核心", "核心人物", "是否核心"],
  gender: ["性别"],
  phone: ["电话", "手机", "手机号", "手机号码", "联系电话", "电话号码", "联系方式"],
  work_phone: ["单位电话", "工作电话", "办公电话"],
  home_phone: ["家庭电话", "住宅电话", "宅电"],
  wechat: ["微信", "微信号"],
  qq: ["QQ", "qq号", "QQ号"],
  email: ["邮箱", "电子邮箱", "电子邮件", "邮件"],
  birthday: ["生日", "出生日期", "公历生日"],
  lunar_birthday: ["农历生日", "阴历生日"],
  joined: ["入行时间", "入行日期", "入职时间", "入职日期"],
  hq_registered: ["备案", "备案日期", "备案时间"],
  cadence_days: ["联系周期"],
  left: ["离开", "离职", "离职日期", "调离日期"],
  left_note: ["去向", "离职原因", "调往"],
  history: ["工作经历", "履历", "经历"],
  hobbies: ["爱好", "兴趣爱好", "兴趣"],
  family: ["家庭", "家庭情况", "婚姻家庭状况"],
  personality: ["性格", "性格特点"],
  values: ["价值观"],
  schedule: ["日程", "日程安排", "会议", "学习计划", "会议/学习计划"],
  relationships: ["人际关系", "人际关系情况"],
  notes: ["备注", "其它", "其他", "其它情况", "说明"],
  note: ["备注", "说明", "内容"],
  reviewed: ["核对日期", "更新日期"],
  conversion: ["转化"],
  customer_since: ["开户时间", "老客户"],
  tier: ["客户类型", "类型", "级别"],
  source: ["来源", "客户来源", "客户信息来源"],
  age: ["年龄"],
  address: ["地址", "通讯地址"],
  home_address: ["家庭地址", "家庭住址", "住址", "居住地址"],
  work_address: ["工作地址", "单位地址"],
  occupation: ["职业", "职业类型", "职务"],
  income_monthly: ["月收入", "收入", "经济状况"],
  attitude: ["投资理财观念", "理财观念"],
  products: ["已选择理财品种", "理财品种"],
  broker: ["证券公司", "券商", "所在证券公司"],
  frequency: ["频度", "交易频率", "办理业务的频度"],
  institutions: ["金融机构", "合作机构"],
  fee_acceptance: ["费用接受程度", "佣金接受程度"],
  holdings: ["持有产品", "持仓"],
  purchases: ["购买记录", "购买"],
  events: ["事件"],
  next_followup: ["下次跟进", "跟进日期"],
  converted: ["开户", "已开户"],
  found: ["发现日期", "采集日期"],
  kind: ["类型", "种类", "方式", "类别"],
  date: ["日期", "时间"],
  with: ["对象", "联系对象", "人员"],
  by: ["经办人", "我方人员"],
  done: ["已办", "完成"],
  cost: ["费用", "花费", "金额"],
  amount: ["金额", "数额"],
  product: ["产品", "产品名称"],
  matures: ["到期日", "到期日期"],
  strategy: ["策略", "营销策略"],
  strengths: ["优势"],
  weaknesses: ["劣势"],
  potential: ["威胁程度", "潜力"],
  since: ["进驻时间", "开始时间"],
  staff_count: ["人数", "员工人数"],
  bank: ["银行"],
  level: ["级别", "层级"],
  parent: ["分行", "上级分行"],
  department: ["营业部"],
  owner: ["负责人"],
  hq_reported: ["上报日期", "上报总部"],
  month: ["月份"],
  deposits: ["存款", "存款余额"],
  organisation: ["公司", "公司名称"],
  timezone: ["时区"],
  holidays: ["节日", "节假日"],
};

/**
 * The field a Chinese key means, among the fields the entry can have (`known`): a word of the
 * table written exactly, else the longest word of the table the key contains (`客户姓名` is a
 * name); undefined when none is known here.
 */
export function fieldForWord(key: string, known: readonly string[]): string | undefined {
  const word = key.trim();
  const exact = known.find((field) => FIELD_WORDS[field]?.includes(word));
  if (exact !== undefined) return exact;
  let best: { field: string; length: number } | undefined;
  for (const field of known) {
    for (const w of FIELD_WORDS[field] ?? []) {
      if ([...w].length >= 2 && word.includes(w) && (best === undefined || w.length > best.length)) best = { field, length: w.length };
    }
  }
  return best?.field;
}
