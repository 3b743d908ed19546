/** One message per diagnostic code (`diag.CODE`). Placeholders are the finding's params. */
import type { FindingCode } from "../../findings.js";
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
    zh: "未解决的 git 合并冲突（冲突标记 <<<<<<<）：保留正确的行，删掉冲突标记行（<<<<<<<、=======、>>>>>>>）。这是 git 按行合并留下的；在本仓库运行一次 `channel hook install` 注册按记录合并的合并驱动，两人各自的修改以后就不会再冲突",
    en: "unresolved git merge conflict (marker <<<<<<<): keep the right lines and delete the marker lines (<<<<<<<, =======, >>>>>>>). git merged this file line by line; run `channel hook install` once in this clone to register the merge driver that merges by record, so that independent changes no longer conflict",
  },
  "diag.YAML_SYNTAX": { zh: "YAML 语法错误：{reason}", en: "YAML syntax error: {reason}" },
  "diag.YAML_DUPLICATE_KEY": {
    zh: "键 `{key}` 在同一层级重复出现（第一次在第 {first} 行）；删掉其中一个",
    en: "the key `{key}` appears twice in the same mapping (first on line {first}); remove one of them",
  },
  "diag.YAML_TAB_INDENT": {
    zh: "缩进使用了制表符（Tab）；YAML 只允许空格缩进：请删掉 Tab，用空格与同一层的键对齐",
    en: "tab used for indentation; YAML allows spaces only: replace the tab with spaces, in line with the keys of the same level",
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
    zh: "`{field}` 应填写{expected}，这里是{actual}（{value}）",
    en: "`{field}` takes {expected}, not {actual} ({value})",
  },
  "diag.INVALID_ENUM": {
    zh: "`{field}` 的值 `{value}` 无效；可写：{allowed}",
    en: "`{field}` has the invalid value `{value}`; write one of: {allowed}",
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
    zh: "未知职位 `{value}`；请写职位代码或中文名，最接近的有：{allowed}",
    en: "unknown position `{value}`; write a position's code or Chinese name; the nearest are: {allowed}",
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
  "diag.YAML_FULLWIDTH_COLON": {
    zh: "`{key}` 后面是全角冒号 `：`；请改成半角冒号加一个空格：`{key}: 值`",
    en: "`{key}` is followed by a full-width colon `：`; type an ASCII colon and a space: `{key}: value`",
  },
  "diag.YAML_FULLWIDTH_SPACE": {
    zh: "这里是全角空格 `　`；缩进和冒号后只能用半角空格（切换到英文输入法再敲空格）",
    en: "this is a full-width space `　`; indentation and the space after a colon must be ordinary spaces",
  },
  "diag.YAML_NO_SPACE_AFTER_COLON": {
    zh: "`{key}:` 后面缺少空格；请写成 `{key}: 值`（冒号后加一个空格）",
    en: "no space after `{key}:`; write `{key}: value` (a space after the colon)",
  },
  "diag.YAML_MISSING_DASH": {
    zh: "新的一项前缺少 `- `：请在 `{key}:` 前面写 `- `，与上一项的 `- ` 对齐",
    en: "a new entry needs `- `: write `- ` before `{key}:`, in line with the `- ` of the entry above",
  },
  "diag.YAML_UNCLOSED_BRACKET": {
    zh: "这里的 `{open}` 没有对应的 `{close}`；请在这一项的末尾补上 `{close}`",
    en: "the `{open}` here is never closed; add `{close}` at the end of the item",
  },
  "diag.YAML_UNCLOSED_QUOTE": {
    zh: "这里的引号 {quote} 没有结束；请在值的末尾补上 {quote}",
    en: "the quote {quote} here is never closed; add {quote} at the end of the value",
  },
  "diag.CHINESE_QUOTES": {
    zh: "`{field}` 的值用了中文引号 {quotes}；请改成英文引号：\"{inner}\"",
    en: "`{field}` is written in Chinese quotes {quotes}; use ASCII quotes: \"{inner}\"",
  },
  "diag.VALUE_IS_COMMENT": {
    zh: "`{field}` 的值以 `#` 开头，被当成了注释（值为空）；请加引号：{field}: \"{written}\"",
    en: "the value of `{field}` starts with `#`, which starts a comment (the value is empty); quote it: {field}: \"{written}\"",
  },
  "diag.NOT_A_BOOLEAN": {
    zh: "`{field}` 要写英文的 true 或 false（表示“是”或“否”），不能写 `{value}`",
    en: "`{field}` takes true or false, not `{value}`",
  },
  "diag.NOT_TEXT": {
    zh: "`{field}` 的 {written} 被读成了{actual}；要当作文字请加引号：\"{written}\"",
    en: "`{field}`: {written} is read as {actual}; to keep it as text, quote it: \"{written}\"",
  },
  "diag.NOT_A_LIST": {
    zh: "`{field}` 应是一个列表；请写成 [{value}]（多个用逗号分隔：[a, b]）",
    en: "`{field}` takes a list; write [{value}] (several separated by commas: [a, b])",
  },
  "diag.MONTH_DOES_NOT_EXIST": {
    zh: "`{field}` 的 {value} 不存在：月份只能是 01 到 12",
    en: "`{field}`: {value} does not exist: the month must be 01 to 12",
  },
  "diag.NAME_INSTEAD_OF_ID": {
    zh: "`{value}` 是姓名，这里要写 id：请写 `{id}`",
    en: "`{value}` is a name; an id is needed here: write `{id}`",
  },
  "diag.REFERENCES_NOT_CHECKED": {
    zh: "本文件无法读取（或是空的），其他文件中有 {count} 处引用可能指向其中的人，未做检查；请先修正本文件",
    en: "this file could not be read (or is empty), so {count} reference(s) from other files that may name someone in it were not checked; fix this file first",
  },
  "diag.MONEY_TOO_LARGE": {
    zh: "`{field}` 的金额 `{value}` 太大（须小于 1000万亿元，即 1e15 元），无法计算；请检查是否多写了位数或单位",
    en: "`{field}`: the amount `{value}` is too large to count (it must be under 1e15 yuan, 1000万亿); check for extra digits or a wrong unit",
  },
  "diag.LEFT_BEFORE_JOINED": {
    zh: "离开日期 {left} 早于入行时间 {joined}；请检查这两个日期",
    en: "left {left} is before joined {joined}; check both dates",
  },
  "diag.PARENT_NOT_CITY_BRANCH": {
    zh: "上级分行 `{id}` 是本仓库的一个支行文件夹，不是分行；请在它的 branch.yaml 写 level: 分行，或把 parent 改成分行的 id 或名称",
    en: "parent `{id}` is a sub-branch folder of this repository, not a city branch; write level: city_branch in its branch.yaml, or name a city branch as parent",
  },
  "diag.PARENT_IS_ITSELF": {
    zh: "上级分行 `{id}` 就是本支行自己；请写上级分行的 id 或名称，或删掉 parent",
    en: "parent `{id}` is this branch itself; name the branch above it, or remove parent",
  },
  "diag.DUPLICATE_PERSON": {
    zh: "{name}（{phone}）已记录在 {first}（id `{id}`）：同一个人记了两次？调动时请把原记录连同 id 移到新支行的 staff.yaml（以往的联络和转化仍然有效）；离开本行的人保留记录并写 left",
    en: "{name} ({phone}) is already recorded at {first} (id `{id}`): the same person twice? When someone moves, move their record with its id to the new branch's staff.yaml (their past contacts and conversion stay valid); for someone who left the bank, keep the record and write left",
  },
  // issue 23: recurring holidays
  "diag.INVALID_HOLIDAY_DATE": {
    zh: "节日日期 `{value}` 无效；只过一次的写 2012-04-04，每年同一天写 \"--10-01\"（加引号）；农历节日用 lunar，节气用 solar_term",
    en: "invalid holiday date `{value}`; write 2012-04-04 for a one-off day, \"--10-01\" (quoted) for every year on that day; a lunar festival takes lunar, a solar term solar_term",
  },
  "diag.INVALID_LUNAR_DAY": {
    zh: "农历日期 `{value}` 无效；请加引号写成月-日，如 中秋 \"08-15\"、除夕 \"12-30\"（月 01–12，日 01–30；节日按平月计，不写闰）",
    en: "invalid lunar day `{value}`; write the month-day quoted, e.g. 中秋 \"08-15\", 除夕 \"12-30\" (month 01–12, day 01–30; festivals keep the ordinary month, no 闰)",
  },
  "diag.UNKNOWN_SOLAR_TERM": {
    zh: "未知节气 `{value}`；请写二十四节气的中文名，如 清明、冬至",
    en: "unknown solar term `{value}`; write one of the 24 solar terms by its Chinese name, e.g. 清明, 冬至",
  },
  "diag.ONE_OF_FIELDS_MISSING": {
    zh: "这一项要写 {fields} 中的一个",
    en: "this entry needs one of {fields}",
  },
  "diag.ONE_OF_FIELDS_SEVERAL": {
    zh: "{fields} 只能写一个，这里写了 {written}",
    en: "write only one of {fields}; this entry has {written}",
  },
  // issue 26: the merge driver's record conflict
  "diag.RECORD_CONFLICT": {
    zh: "合并冲突：双方都改了 {record} 的 {field}——本地是 {ours}，对方是 {theirs}。在 <<<<<<< 与 ======= 之间是本地的记录，======= 与 >>>>>>> 之间是对方的：保留正确的一份，删掉另一份和三行冲突标记，再提交",
    en: "merge conflict: both sides changed {field} of {record} — ours is {ours}, theirs is {theirs}. Between <<<<<<< and ======= is our record, between ======= and >>>>>>> theirs: keep the right one, delete the other and the three marker lines, then commit",
  },
  // issue 24: typing Chinese
  "diag.FULLWIDTH_COLON_ENTRY": {
    zh: "这一项的冒号是全角 `：`（{keys} 后面），整项被读成了一段文字；请把每个 `：` 改成半角冒号加一个空格，每个 `键: 值` 单独一行",
    en: "this entry is typed with full-width colons `：` (after {keys}), so it is read as one text; type each `：` as an ASCII colon and a space, one `key: value` per line",
  },
  "diag.CHINESE_KEY": {
    zh: "字段名 `{key}` 要写成 `{field}`：键用英文，值可以写中文（`{field}: …`）",
    en: "the field `{key}` is written `{field}`: keys are in English, values may be Chinese (`{field}: …`)",
  },
  "diag.YAML_BAD_INDENT": {
    zh: "缩进不对：这一行缩进了 {actual} 个空格，上面同一层的行是 {expected} 个空格；同一层的键要对齐，下一层比上一层多缩进两个空格",
    en: "wrong indentation: this line is indented {actual} spaces, the line above at its level {expected}; keys of one level line up, the next level is two spaces deeper",
  },
  // issue 28
  "diag.MORE_FINDINGS": {
    zh: "本文件另有 {more} 个问题未列出（每个文件最多列出 {limit} 个）；先改正上面这些，再运行 channel validate",
    en: "and {more} more finding(s) in this file, not listed (at most {limit} per file); fix the ones above, then run channel validate again",
  },
} satisfies Record<`diag.${FindingCode}`, Bilingual>;

/**
 * Parts of diagnostic messages: what a YAML syntax error means (`{reason}` of YAML_SYNTAX,
 * never the parser's English) and the kinds of value (`{expected}` of INVALID_TYPE).
 */
export const DIAGNOSTIC_PART_MESSAGES = {
  "read.reason.NOT_A_FILE": { zh: "不是普通文件", en: "not a regular file" },
  "read.reason.EACCES": { zh: "没有读取权限", en: "permission denied" },
  "read.reason.EPERM": { zh: "不允许读取", en: "operation not permitted" },
  "read.reason.ENOENT": { zh: "文件已不存在", en: "the file no longer exists" },
  "read.reason.EISDIR": { zh: "这是一个文件夹", en: "it is a folder" },
  "read.reason.ELOOP": { zh: "符号链接循环", en: "a loop of symbolic links" },
  "read.reason.EIO": { zh: "磁盘读取错误", en: "a disk read error" },
  "read.reason.SYMLINK_IN_HISTORY": { zh: "git 记录中这是一个符号链接，按记录读取时不跟随", en: "a symbolic link in the git history, not followed when reading as recorded" },
  "type.string": { zh: "文字", en: "text" },
  "type.number": { zh: "数字", en: "a number" },
  "type.integer": { zh: "整数", en: "a whole number" },
  "type.boolean": { zh: "true 或 false", en: "true or false" },
  "type.array": { zh: "列表 [a, b]", en: "a list [a, b]" },
  "type.object": { zh: "一组 `键: 值`", en: "a set of `key: value`" },
  "type.null": { zh: "空值", en: "nothing" },
  "yaml.reason.NO_COLON": {
    zh: "这一行应写成 `键: 值`（半角冒号，冒号后加空格）",
    en: "this line should read `key: value` (an ASCII colon followed by a space)",
  },
  "yaml.reason.NESTED_ON_ONE_LINE": {
    zh: "一行里只能有一个 `键: 值`；第二个请换行并缩进",
    en: "one `key: value` per line; put the second on its own indented line",
  },
  "yaml.reason.NO_DASH": { zh: "列表中的每一项前要写 `- `", en: "each item of a list starts with `- `" },
  "yaml.reason.NO_COMMA": {
    zh: "方括号或花括号中的各项要用半角逗号 `,` 分隔",
    en: "items inside brackets or braces are separated by ASCII commas `,`",
  },
  "yaml.reason.NO_SPACE_AFTER_COLON": { zh: "冒号后要加一个空格", en: "put a space after the colon" },
  "yaml.reason.COMMENT_NEEDS_SPACE": {
    zh: "`#` 前要有空格才是注释；`#` 是值的一部分时请给值加引号",
    en: "a comment needs a space before `#`; when `#` is part of the value, quote the value",
  },
  "yaml.reason.BAD_INDENT": {
    zh: "缩进不对：同一层的键要对齐，下一层比上一层多缩进两个空格",
    en: "wrong indentation: keys of one level line up, the next level is indented two more spaces",
  },
  "yaml.reason.BAD_SCALAR_START": {
    zh: "值不能以这个符号开头；请给值加引号",
    en: "a value cannot start with this character; quote the value",
  },
  "yaml.reason.UNEXPECTED_TOKEN": {
    zh: "这里有多余的字符；检查括号、引号和冒号是否成对、是否多写",
    en: "unexpected characters here; check that brackets, quotes and colons pair up",
  },
  "yaml.reason.BAD_DQ_ESCAPE": {
    zh: "双引号中的 `\\` 转义无效；要写反斜杠本身请用单引号",
    en: "invalid `\\` escape in double quotes; use single quotes to keep a backslash",
  },
  "yaml.reason.KEY_OVER_1024_CHARS": { zh: "键太长（超过 1024 个字符）", en: "key longer than 1024 characters" },
  "yaml.reason.BLOCK_IN_FLOW": {
    zh: "方括号或花括号中不能换行写 `- ` 或 `键:` 形式；请写在一行里",
    en: "inside brackets or braces, write items on one line, not as `- ` or `key:` lines",
  },
  "yaml.reason.BAD_ALIAS": { zh: "`*` 引用无效；`*` 开头的值请加引号", en: "invalid `*` alias; quote a value that starts with `*`" },
  "yaml.reason.BAD_DIRECTIVE": { zh: "`%` 指令无效；`%` 开头的值请加引号", en: "invalid `%` directive; quote a value that starts with `%`" },
  "yaml.reason.MULTIPLE_ANCHORS": { zh: "一个值只能有一个 `&` 锚点", en: "one `&` anchor per value" },
  "yaml.reason.MULTIPLE_TAGS": { zh: "一个值只能有一个 `!` 标签", en: "one `!` tag per value" },
  "yaml.reason.ALIAS_PROPS": { zh: "`*` 引用前不能有锚点或标签", en: "an `*` alias cannot carry an anchor or a tag" },
  "yaml.reason.BAD_PROP_ORDER": { zh: "锚点和标签要写在值的前面", en: "anchors and tags go before the value" },
  "yaml.reason.TAG_RESOLVE_FAILED": { zh: "值与其 `!` 标签不符；请去掉标签", en: "the value does not fit its `!` tag; remove the tag" },
  "yaml.reason.COLLECTION_KEY": { zh: "键必须是普通的文字，不能是列表或映射", en: "a key must be plain text, not a list or a mapping" },
  "yaml.reason.IMPOSSIBLE": { zh: "无法读取这个文件", en: "the file cannot be read" },
  "yaml.reason.OTHER": {
    zh: "无法理解这里；检查冒号、缩进、括号和引号",
    en: "cannot make sense of this; check colons, indentation, brackets and quotes",
  },
} satisfies Record<string, Bilingual>;
