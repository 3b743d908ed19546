/** One message per diagnostic code (`diag.CODE`). Placeholders are the finding's params. */
import type { FindingCode } from "../../validate/findings.js";
import type { Bilingual } from "../catalog.js";

export const DIAGNOSTIC_MESSAGES = {
  "diag.FILE_UNREADABLE": { zh: "无法读取文件（{reason}）", en: "cannot read the file ({reason})" },
  "diag.FILE_TOO_LARGE": {
    zh: "文件过大（{size} 字节，上限 {limit} 字节），未读取",
    en: "file too large ({size} bytes, the limit is {limit}); not read",
  },
  "diag.SYMLINK_OUTSIDE_REPOSITORY": {
    zh: "符号链接指向仓库之外，未跟随读取",
    en: "symbolic link leads outside the repository; not followed",
  },
  "diag.ENCODING_UTF16": {
    zh: "文件是 UTF-16 编码；请另存为 UTF-8",
    en: "the file is encoded as UTF-16; save it as UTF-8",
  },
  "diag.ENCODING_GBK": {
    zh: "文件不是 UTF-8：看起来是 GBK/GB18030 编码（中文 Windows 常见）；请另存为 UTF-8",
    en: "the file is not UTF-8: it looks like GBK/GB18030 (common on Chinese Windows); save it as UTF-8",
  },
  "diag.ENCODING_INVALID_UTF8": {
    zh: "文件含有无效的 UTF-8 字节；请另存为 UTF-8",
    en: "the file holds bytes that are not valid UTF-8; save it as UTF-8",
  },
  "diag.MERGE_CONFLICT": {
    zh: "未解决的合并冲突（git 冲突标记 <<<<<<<）；请先解决冲突",
    en: "unresolved merge conflict (git conflict marker <<<<<<<); resolve it first",
  },
  "diag.YAML_SYNTAX": { zh: "YAML 语法错误：{detail}", en: "YAML syntax error: {detail}" },
  "diag.YAML_DUPLICATE_KEY": { zh: "同一层级出现重复的键", en: "duplicate key in the same mapping" },
  "diag.YAML_TAB_INDENT": {
    zh: "缩进使用了制表符（Tab）；YAML 只允许空格缩进",
    en: "tab used for indentation; YAML allows spaces only",
  },
  "diag.YAML_ALIAS_LIMIT": {
    zh: "别名（*引用）展开次数过多，疑似恶意文件，拒绝读取",
    en: "too many alias (*reference) expansions; refused as a possible resource-exhaustion file",
  },
  "diag.YAML_MULTIPLE_DOCUMENTS": {
    zh: "文件含有多个 YAML 文档（---）；每个文件只能有一个",
    en: "the file holds more than one YAML document (---); one per file",
  },
  "diag.YAML_UNSUPPORTED_TAG": {
    zh: "不支持的 YAML 标签 {tag}；请写普通的值",
    en: "unsupported YAML tag {tag}; write a plain value",
  },
  "diag.YAML_TOO_DEEP": {
    zh: "嵌套层数超过 {limit}，拒绝读取",
    en: "nested deeper than {limit} levels; refused",
  },
  "diag.UNKNOWN_FILE": {
    zh: "未知文件 {name}，channel 不会读取它",
    en: "unknown file {name}; channel does not read it",
  },
  "diag.MISSING_BRANCH_FILE": {
    zh: "支行文件夹 {branch} 缺少必需的 branch.yaml",
    en: "branch folder {branch} lacks the required branch.yaml",
  },
  "diag.EMPTY_FILE": { zh: "文件是空的", en: "the file is empty" },
  "diag.UNKNOWN_KEY": { zh: "未知字段 `{key}`", en: "unknown field `{key}`" },
  "diag.MISSING_FIELD": { zh: "缺少必填字段 `{field}`", en: "missing required field `{field}`" },
  "diag.INVALID_TYPE": {
    zh: "`{field}` 的类型应为 {expected}，实际是 {actual}（{value}）",
    en: "`{field}` should be {expected}, not {actual} ({value})",
  },
  "diag.INVALID_ENUM": {
    zh: "`{field}` 的值 `{value}` 无效；可选：{allowed}",
    en: "`{field}` has the invalid value `{value}`; one of: {allowed}",
  },
  "diag.INVALID_VALUE": {
    zh: "`{field}` 的值 `{value}` 不符合要求（{rule} {limit}）",
    en: "`{field}` has the value `{value}`, which breaks the rule {rule} {limit}",
  },
  "diag.INVALID_FORMAT": {
    zh: "`{field}` 的值 `{value}` 格式不对；请写成 {examples} 这样的形式",
    en: "`{field}` has the value `{value}`, which is not in the expected form; write it like {examples}",
  },
  "diag.INVALID_ID": {
    zh: "标识 `{value}` 无效：只能用小写字母、数字和连字符，并以字母或数字开头",
    en: "invalid id `{value}`: use lower-case letters, digits and hyphens, starting with a letter or digit",
  },
  "diag.INVALID_DATE": {
    zh: "`{field}` 的日期 `{value}` 格式不对；请写成 2012-03-31",
    en: "`{field}`: `{value}` is not a date; write it as 2012-03-31",
  },
  "diag.DATE_DOES_NOT_EXIST": {
    zh: "`{field}` 的日期 {value} 不存在（该月没有这一天）",
    en: "`{field}`: {value} does not exist (the month has no such day)",
  },
  "diag.INVALID_DATETIME": {
    zh: "`{field}` 的时间 `{value}` 无效；请写成 2012-03-31 10:30",
    en: "`{field}`: `{value}` is not a valid date and time; write it as 2012-03-31 10:30",
  },
  "diag.DATETIME_WITHOUT_TIME": {
    zh: "`{field}` 需要具体时间，不只是日期：请写成 {value} 10:30 这样的形式",
    en: "`{field}` needs a time, not only a day: write it like {value} 10:30",
  },
  "diag.INVALID_MONTH": {
    zh: "`{field}` 的月份 `{value}` 无效；请写成 2012-03",
    en: "`{field}`: `{value}` is not a month; write it as 2012-03",
  },
  "diag.INVALID_BIRTHDAY": {
    zh: "生日 `{value}` 无效；请写成 1985-06-15，不知年份时写 --06-15",
    en: "invalid birthday `{value}`; write 1985-06-15, or --06-15 when the year is unknown",
  },
  "diag.INVALID_LUNAR_BIRTHDAY": {
    zh: "农历生日 `{value}` 无效；请加引号写成 \"04-15\"，闰月写 \"闰04-15\"",
    en: "invalid lunar birthday `{value}`; write it quoted as \"04-15\", a leap month as \"闰04-15\"",
  },
  "diag.INVALID_MONEY": {
    zh: "`{field}` 的金额 `{value}` 无效；可写 20000、\"2万\"、\"1.5万\"、\"600万\"、\"26亿\"、\"20000元\" 或 \"1,200,000\"（不能为负）",
    en: "`{field}`: `{value}` is not an amount; write 20000, \"2万\", \"1.5万\", \"600万\", \"26亿\", \"20000元\" or \"1,200,000\" (never negative)",
  },
  "diag.PHONE_NOT_QUOTED": {
    zh: "电话号码 {value} 没有加引号；请写成 \"{value}\"，否则会被当作数字（开头的 0 会丢失）",
    en: "phone number {value} is not quoted; write it as \"{value}\", or it is read as a number (a leading 0 is lost)",
  },
  "diag.INVALID_PHONE": {
    zh: "电话号码 `{value}` 无效；手机写 \"13800138000\"，座机写 \"0755-83000000\"",
    en: "invalid phone number `{value}`; a mobile is \"13800138000\", a landline \"0755-83000000\"",
  },
  "diag.INVALID_POSITION": {
    zh: "未知职位 `{value}`（职位列表见 docs/data-format.md）",
    en: "unknown position `{value}` (the positions are listed in docs/data-format.md)",
  },
  "diag.INVALID_TIMEZONE": {
    zh: "未知时区 `{value}`；请写 IANA 时区名，如 Asia/Shanghai",
    en: "unknown timezone `{value}`; write an IANA name such as Asia/Shanghai",
  },
  "diag.BRANCH_ID_MISMATCH": {
    zh: "支行 id `{id}` 与所在文件夹名 `{folder}` 不一致",
    en: "branch id `{id}` differs from its folder name `{folder}`",
  },
  "diag.DUPLICATE_ID": {
    zh: "id `{id}` 重复（人员与潜在客户共用一个 id 空间；首次出现在 {first}）",
    en: "duplicate id `{id}` (staff and prospects share one id space; first used at {first})",
  },
  "diag.DUPLICATE_BRANCH_ID": { zh: "支行 id `{id}` 重复（首次出现在 {first}）", en: "duplicate branch id `{id}` (first used at {first})" },
  "diag.DUPLICATE_DEPARTMENT_ID": { zh: "营业部 id `{id}` 重复（首次出现在 {first}）", en: "duplicate department id `{id}` (first used at {first})" },
  "diag.DUPLICATE_MONTH": { zh: "月份 {month} 的指标重复出现", en: "figures for month {month} appear twice" },
  "diag.UNKNOWN_DEPARTMENT": {
    zh: "营业部 `{id}` 不在 departments.yaml 中",
    en: "department `{id}` is not in departments.yaml",
  },
  "diag.UNKNOWN_REFERENCE": {
    zh: "引用的{expected} `{id}` 不存在",
    en: "no {expected} with id `{id}`",
  },
  "diag.CONTROL_CHARACTER": {
    zh: "值里有控制字符或文字方向字符 {code}：打印出来会操纵终端（清屏、插入链接）或颠倒文字顺序；请删掉它",
    en: "the value holds the control or text-direction character {code}, which would steer a terminal (clear it, plant a link) or reorder text when printed; delete it",
  },
  "diag.MONEY_TOO_LARGE": {
    zh: "`{field}` 的金额 `{value}` 太大（须小于 1000万亿元，即 1e15 元），无法计算；请检查是否多写了位数或单位",
    en: "`{field}`: the amount `{value}` is too large to count (it must be under 1e15 yuan, 1000万亿); check for extra digits or a wrong unit",
  },
} satisfies Record<`diag.${FindingCode}`, Bilingual>;
