#!/usr/bin/env node
// Writes a deterministic data repository that follows docs/data-format.md, at head-office scale if
// asked: `npm run generate -- --branches 500 --seed 1 --out /tmp/hq`. Per branch about 30
// staff, 150 prospects, 200 activities, 24 KPI months, 40 sales and a few competitors, with
// Chinese names and notes. The same seed gives the same bytes. Used by the benchmark.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "./seeded-random.mjs";

const { values } = parseArgs({
  options: {
    branches: { type: "string", default: "10" },
    seed: { type: "string", default: "1" },
    out: { type: "string" },
    force: { type: "boolean", default: false },
  },
});
if (!values.out) {
  console.error("usage: npm run generate -- --branches N --seed S --out DIR [--force]");
  process.exit(2);
}
const branchCount = Number(values.branches);
const out = path.resolve(values.out);
if (fs.existsSync(out) && fs.readdirSync(out).length > 0 && !values.force) {
  console.error(`${out} is not empty (add --force to write into it)`);
  process.exit(2);
}

const random = seededRandom(values.seed);
const int = (min, max) => min + Math.floor(random() * (max - min + 1));
const pick = (list) => list[Math.floor(random() * list.length)];
const chance = (p) => random() < p;
const pad = (n, w = 2) => String(n).padStart(w, "0");

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];
const SURNAME_PINYIN = ["wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao", "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "gao", "lin", "luo", "zheng", "liang", "xie", "song", "tang", "xu", "han", "feng", "deng", "cao"];
const GIVEN = ["芳", "伟", "娜", "强", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "华", "平", "刚", "桂英", "丹", "萍", "鑫", "宇", "婷", "雪", "建华", "志强", "晓东"];
const GIVEN_PINYIN = ["fang", "wei", "na", "qiang", "min", "jing", "lei", "yang", "yan", "yong", "jun", "jie", "juan", "tao", "ming", "chao", "xiuying", "hua", "ping", "gang", "guiying", "dan", "ping", "xin", "yu", "ting", "xue", "jianhua", "zhiqiang", "xiaodong"];
const DISTRICTS = ["福田", "南山", "罗湖", "宝安", "龙岗", "盐田", "龙华", "坪山", "光明", "前海", "蛇口", "科技园", "华强北", "车公庙", "香蜜湖", "东门", "人民南", "后海", "梅林", "景田"];
const POSITIONS = [
  ["branch_head", 1], ["deputy_head", 2], ["retail_supervisor", 1], ["accounting_supervisor", 1], ["credit_supervisor", 1], ["hall_manager", 1],
  ["lobby_manager", 2], ["teller", 6], ["clerk", 2], ["security_guard", 2], ["cleaner", 1],
  ["vip_wealth_manager", 2], ["wealth_manager", 4], ["loan_manager", 1], ["counter_supervisor", 1], ["customer_service", 1],
  ["corporate_manager", 1], ["card_sales", 1], ["insurance_agent", 1], ["bank_promoter", 1], ["company_cashier", 1],
];
const HOBBIES = ["羽毛球", "钓鱼", "书法", "摄影", "旅游", "瑜伽", "跑步", "喝茶", "看电影", "烹饪", "登山", "读书"];
const PERSONALITIES = ["性格开朗，喜欢交朋友", "做事认真细致", "比较内向，熟悉后很健谈", "讲义气，重感情", "雷厉风行，注重效率"];
const NOTES = ["客户对理财产品兴趣较大", "近期有一笔定期到期", "孩子明年高考，关注教育金", "对股票市场持谨慎态度", "朋友推荐过来的客户", "经常在周末来网点", "希望收益稳健", "家里做外贸生意"];
const ACTIVITY_NOTES = ["电话问候，约下周拜访", "到网点拜访，聊了近期市场", "请行里同事吃饭", "送了中秋月饼", "向行领导汇报月度数据", "举办投资者教育沙龙", "介绍长城2号产品", "回访客户购买情况"];
const PRODUCTS = ["长城2号", "长城1号", "长城货币A", "长城稳健增利"];
const COMPETITORS = [["国信证券", "securities"], ["招商证券", "securities"], ["平安人寿", "insurance"], ["南方基金", "fund"], ["中国人寿", "insurance"], ["华夏基金", "fund"]];

function day(yearFrom = 2010, yearTo = 2012) {
  return `${int(yearFrom, yearTo)}-${pad(int(1, 12))}-${pad(int(1, 28))}`;
}
function money() {
  const form = int(0, 4);
  if (form === 0) return String(int(1, 500) * 1000);
  if (form === 1) return `"${int(1, 300)}万"`;
  if (form === 2) return `"${int(1, 99)}.5万"`;
  if (form === 3) return `"${int(1, 100) * 1000}元"`;
  return `"${(int(10, 5000) * 1000).toLocaleString("en-US")}"`;
}
function mobile() {
  return `"1${int(3, 9)}${pad(int(0, 999999999), 9)}"`;
}

let personSeq = 0;
function personName() {
  const s = int(0, SURNAMES.length - 1);
  const g = int(0, GIVEN.length - 1);
  personSeq++;
  return { name: SURNAMES[s] + GIVEN[g], id: `${SURNAME_PINYIN[s]}-${GIVEN_PINYIN[g]}-${personSeq.toString(36)}` };
}

function write(rel, text) {
  const abs = path.join(out, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, text);
}

const departmentCount = Math.max(1, Math.ceil(branchCount / 10));
const departments = Array.from({ length: departmentCount }, (_, i) => ({ id: `dept-${pad(i + 1, 3)}`, name: `${pick(DISTRICTS)}第${i + 1}营业部`, amCovered: i % 3 === 1 }));

write(
  "channel.yaml",
  `# 由 scripts/generate.mjs 生成（种子 ${values.seed}）
version: 1
organisation: 长城证券
timezone: Asia/Shanghai
bonus:
  start: 2012-02-01
  deadline: 2012-03-31
  amount: 1000
  per_branch_cap: 2
  total_cap: 100
  eligible_positions: [wealth_manager, vip_wealth_manager, retail_supervisor, hall_manager, deputy_head, branch_head]
  asset_min: 2万
  fund_min: 2万
  products: [长城2号]
expense_support:
  product: 长城2号
  start: 2012-02-01
  end: 2012-03-31
  self_driven:
    ceiling: 600万
    tiers: [{min: 100万, amount: 5000}, {min: 300万, amount: 10000}, {min: 450万, amount: 15000}]
  am_covered:
    tiers: [{min: 50万, rate: 0.002}, {min: 200万, rate: 0.003, cap: 20000}]
holidays:
  - {date: 2012-04-04, name: 清明节}
  - {date: 2012-05-01, name: 劳动节}
`,
);

let text = "departments:\n";
for (const d of departments) {
  const specialist = personName().name;
  text += `  - id: ${d.id}\n    name: ${d.name}\n    city: 深圳\n    am_covered: ${d.amCovered}\n    team: {general_manager: ${personName().name}, specialist: ${specialist}, members: [${personName().name}, ${personName().name}]}\n`;
}
write("departments.yaml", text);

for (let b = 0; b < branchCount; b++) {
  const id = `cmb-${pad(b + 1, 4)}`;
  const department = departments[b % departmentCount];
  const dir = `branches/${id}`;
  write(
    `${dir}/branch.yaml`,
    `id: ${id}
name: 招商银行${pick(DISTRICTS)}${b + 1}号支行
bank: 招商银行
parent: 深圳分行
department: ${department.id}
${chance(0.5) ? `owner: ${personName().name}\n` : ""}${chance(0.7) ? `hq_reported: 2012-0${int(1, 3)}-${pad(int(1, 28))}\n` : ""}address: 深圳市${pick(DISTRICTS)}区${pick(DISTRICTS)}路${int(1, 999)}号
environment:
  self_service_area: 有自助区，ATM ${int(2, 8)} 台
  ordinary_windows: ${int(3, 8)}
  vip_windows: ${int(1, 3)}
  vip_room: ${chance(0.6) ? "有独立贵宾室" : "无"}
profile:
  status: 正常营业
  daily_customers: ${int(100, 900)}
  peak_hours: 上午10点到11点，下午3点以后
business:
  deposits: "${int(5, 80)}亿"
  vip_customers: ${int(200, 3000)}
  sales_habits: 理财经理习惯主推银行自有理财产品
surroundings:
  population: 周边以写字楼和住宅为主
  transport: 地铁站步行${int(2, 15)}分钟
  daily_transactions: ${int(200, 2000)}
`,
  );

  const staffIds = [];
  text = `reviewed: 2012-0${int(1, 3)}-${pad(int(1, 28))}\nstaff:\n`;
  for (const [position, count] of POSITIONS) {
    for (let k = 0; k < count + (chance(0.2) ? 1 : 0); k++) {
      const p = personName();
      staffIds.push(p.id);
      text += `  - id: ${p.id}\n    name: ${p.name}\n    position: ${position}\n`;
      if (chance(0.2)) text += "    key: true\n";
      text += `    gender: ${pick(["F", "M"])}\n    phone: ${mobile()}\n`;
      if (chance(0.7)) text += `    birthday: ${chance(0.8) ? day(1960, 1992) : `--${pad(int(1, 12))}-${pad(int(1, 28))}`}\n`;
      if (chance(0.2)) text += `    lunar_birthday: "${chance(0.1) ? "闰" : ""}${pad(int(1, 12))}-${pad(int(1, 30))}"\n`;
      if (chance(0.6)) text += `    joined: ${day(1995, 2011)}\n`;
      if (chance(0.3)) text += `    hq_registered: 2012-0${int(1, 3)}-${pad(int(1, 28))}\n`;
      if (chance(0.6)) text += `    hobbies: [${pick(HOBBIES)}, ${pick(HOBBIES)}]\n`;
      if (chance(0.5)) text += `    personality: ${pick(PERSONALITIES)}\n`;
      if (chance(0.3)) text += `    family: 已婚，${pick(["一个女儿", "一个儿子", "两个孩子", "孩子在读小学"])}\n`;
      if (chance(0.08)) {
        const kind = pick(["asset", "fund", "product"]);
        text += `    conversion:\n      kind: ${kind}\n`;
        text += kind === "product" ? `      product: ${pick(PRODUCTS)}\n` : `      amount: ${money()}\n`;
        text += `      at: 2012-0${int(1, 4)}-${pad(int(1, 28))} ${pad(int(9, 17))}:${pad(int(0, 59))}\n`;
      }
    }
  }
  write(`${dir}/staff.yaml`, text);

  const prospectIds = [];
  text = "prospects:\n";
  for (let k = 0; k < 150; k++) {
    const p = personName();
    const pid = `p-${p.id}`;
    prospectIds.push(pid);
    text += `  - id: ${pid}\n    name: ${p.name.slice(0, 1)}${pick(["先生", "女士", "阿姨", "老师"])}\n    tier: ${chance(0.3) ? "valuable" : "basic"}\n    phone: ${mobile()}\n`;
    if (chance(0.5)) text += `    source: {kind: staff_referral, staff: ${pick(staffIds)}}\n`;
    if (chance(0.3)) text += `    holdings: [{product: 定期存款, amount: ${money()}, matures: ${day(2012, 2013)}}]\n`;
    if (chance(0.1)) text += `    events: [{date: ${day(2012, 2012)}, kind: large_movement, amount: ${money()}}]\n`;
    if (chance(0.1)) text += `    purchases: [{date: ${day(2012, 2012)}, product: 长城2号, amount: ${money()}, important: ${chance(0.5)}}]\n`;
    if (chance(0.4)) text += `    next_followup: ${day(2012, 2012)}\n`;
    if (chance(0.6)) text += `    occupation: ${pick(["企业主", "公务员", "教师", "医生", "退休", "外贸公司经理", "IT 工程师"])}\n    attitude: ${pick(["稳健为主，不碰高风险", "愿意尝试基金定投", "偏好保本理财", "有炒股经验，风险承受能力较强"])}\n`;
    if (chance(0.5)) text += `    home_address: 深圳市${pick(DISTRICTS)}区${pick(DISTRICTS)}花园${int(1, 30)}栋${int(101, 2808)}\n`;
    if (chance(0.7)) text += `    notes: ${pick(NOTES)}；${pick(NOTES)}\n`;
  }
  write(`${dir}/prospects.yaml`, text);

  text = "activities:\n";
  const people = [...staffIds, ...prospectIds];
  const activityDays = Array.from({ length: 200 }, () => day(2011, 2012)).sort();
  for (const date of activityDays) {
    const kind = pick(["call", "call", "visit", "wechat", "meal", "gift", "report", "event", "sms"]);
    text += `  - {date: ${date}, kind: ${kind}, with: [${pick(people)}], by: ${personName().name}, note: ${pick(ACTIVITY_NOTES)}}\n`;
  }
  write(`${dir}/activities.yaml`, text);

  text = `targets:\n  - {metric: deposits, period: "2012", target: "${int(10, 90)}亿"}\nmonths:\n`;
  for (let m = 0; m < 24; m++) {
    const month = `${2010 + Math.floor(m / 12)}-${pad((m % 12) + 1)}`;
    text += `  - {month: ${month}, deposits: "${int(5, 80)}亿", vip_customers: ${int(200, 3000)}, new_accounts: ${int(0, 40)}, assets_in: "${int(0, 900)}万", ranking: ${int(1, 30)}}\n`;
  }
  text += "sales:\n";
  for (let k = 0; k < 40; k++) {
    text += `  - {date: ${day(2012, 2012)}, product: ${pick(PRODUCTS)}, amount: ${money()}${chance(0.3) ? `, prospect: ${pick(prospectIds)}` : ""}}\n`;
  }
  write(`${dir}/kpis.yaml`, text);

  text = "competitors:\n";
  for (let k = 0; k < int(2, 4); k++) {
    const [name, kind] = pick(COMPETITORS);
    text += `  - name: ${name}${k}\n    kind: ${kind}\n    since: ${day(2005, 2011)}\n    staff_count: ${int(1, 5)}\n    strategy: 驻点理财经理每天在大堂营销\n    strengths: 品牌知名度高\n    weaknesses: 服务响应慢\n`;
  }
  write(`${dir}/competitors.yaml`, text);
}
console.log(`wrote ${branchCount} branches into ${out}`);
