/** Messages of issue 7: failed writes (full disk, read-only, locked, changed meanwhile, a link outside) and `channel hook install`. */
import type { Bilingual } from "../catalog.js";

export const SAFETY_MESSAGES = {
  "safety.write.diskFull": {
    zh: "无法写入 {file}：磁盘已满（{code}）。文件保持原样；腾出空间后重试",
    en: "cannot write {file}: the disk is full ({code}). The file is as it was; free some space and try again",
  },
  "safety.write.permission": {
    zh: "无法写入 {file}：没有写权限（{code}），文件或其所在文件夹不可写。文件保持原样",
    en: "cannot write {file}: permission denied ({code}); the file or its folder is not writable. The file is as it was",
  },
  "safety.write.readOnlyFs": {
    zh: "无法写入 {file}：文件系统是只读的（{code}）。文件保持原样",
    en: "cannot write {file}: the file system is read-only ({code}). The file is as it was",
  },
  "safety.write.readOnlyFile": {
    zh: "{file} 是只读文件，channel 不会替换它。文件保持原样；确需修改时先去掉只读属性（chmod u+w）",
    en: "{file} is read-only, and channel does not replace a read-only file. It is as it was; make it writable first (chmod u+w) if it should change",
  },
  "safety.write.locked": {
    zh: "{file} 正由另一个 channel 进程（pid {pid}）写入，等待超时。文件保持原样；请稍后重试。若确定没有 channel 在运行，可删除锁文件 {lock}",
    en: "{file} is being written by another channel process (pid {pid}) and the wait timed out. The file is as it was; try again in a moment. If no channel is running, delete the lock file {lock}",
  },
  "hook.help": { zh: "git 钩子：提交前自动校验数据", en: "git hooks: check the data before every commit" },
  "hook.help.install": {
    zh: "安装 git pre-commit 钩子：提交前对暂存的内容运行 channel validate，有错误则阻止提交（保留已有钩子）；并在本克隆注册按记录合并的合并驱动",
    en: "install a git pre-commit hook that runs channel validate on what is staged and stops a commit with errors (an existing hook is kept), and register the merge driver that merges data files by record in this clone",
  },
  "hook.error.subcommand": { zh: "请指定子命令：channel hook install", en: "name a subcommand: channel hook install" },
  "hook.error.notGit": {
    zh: "{dir} 不在 git 仓库中；先运行 git init，再安装钩子",
    en: "{dir} is not inside a git repository; run git init first, then install the hook",
  },
  "hook.error.localExists": {
    zh: "{hook} 已有一个钩子，且 {local} 也已存在；未做任何改动。请把两者合并到 {local}，删除 {hook}，再运行 channel hook install",
    en: "{hook} holds a hook and {local} exists too; nothing was changed. Merge the two into {local}, delete {hook}, then run channel hook install again",
  },
  "hook.chained": {
    zh: "原有的钩子已移到 {local}，新钩子会先运行它",
    en: "the existing hook was moved to {local}; the new hook runs it first",
  },
  "hook.installed": {
    zh: "已安装 {hook}：每次提交前对暂存的数据（{data}）运行 channel validate，有错误时阻止提交",
    en: "installed {hook}: before every commit it runs channel validate on the staged data ({data}) and stops the commit on errors",
  },
  "hook.updated": { zh: "已更新 {hook}（数据目录 {data}）", en: "updated {hook} (data folder {data})" },
  "hook.customHooksPath": {
    zh: "注意：此仓库设置了 core.hooksPath，钩子写在 {dir}",
    en: "note: this repository sets core.hooksPath; the hook was written to {dir}",
  },
  "hook.script.about": {
    zh: "由 channel hook install 安装：对暂存的内容运行 channel validate，有错误时阻止提交。",
    en: "Installed by channel hook install: runs channel validate on what is staged and stops a commit with errors.",
  },
  "hook.script.skip": {
    zh: "临时跳过：git commit --no-verify；卸载：删除本文件（原有钩子在 pre-commit.local，改回原名即可）。",
    en: "Skip it once: git commit --no-verify. Remove it: delete this file (a hook that was here before is pre-commit.local; rename it back).",
  },
  "hook.script.notFound": {
    zh: "找不到 channel（安装位置已变？）；请重新安装 channel 并运行 channel hook install，或用 git commit --no-verify 跳过",
    en: "channel not found (was it moved?); reinstall it and run channel hook install again, or skip with git commit --no-verify",
  },
  "hook.script.blocked": {
    zh: "提交已阻止：暂存的数据有错误（见上面 channel validate 的输出）。改正并 git add 后再提交；确需跳过可用 git commit --no-verify",
    en: "commit stopped: the staged data has errors (see channel validate above). Fix them, git add, and commit again; git commit --no-verify skips the check",
  },
  "safety.write.changedSinceRead": {
    zh: "{file} 在 channel 读取并检查之后被其他程序改动了（编辑器正在保存？），未写入，文件保持它现在的样子。请在编辑器里保存或关闭它，再重新运行",
    en: "{file} changed after channel read and checked it (an editor saving it?); nothing was written and the file is as that program left it. Save or close it in the editor, then run the command again",
  },
  "safety.write.othersPutBack": {
    zh: "{reason}。先写入的 {files} 已改回原样：这次什么都没有记下",
    en: "{reason}. {files}, written first, has been put back as it was: nothing was recorded",
  },
  "safety.write.partial": {
    zh: "{reason}。注意：{written} 已经写入，但 {failed} 没有，且 {written} 无法改回（其间被改动或无法写入）。请打开 {written} 检查，需要时用 git diff 查看并还原",
    en: "{reason}. Note: {written} has been written but {failed} has not, and {written} could not be put back (it changed meanwhile or cannot be written). Check {written}; git diff shows the change if you need to undo it",
  },
  "safety.write.linkOutside": {
    zh: "{file} 是指向仓库之外（{target}）的链接，channel 不会写到仓库以外。文件保持原样；请把它换成仓库里的普通文件",
    en: "{file} is a link to {target}, outside the repository, and channel does not write there. It is as it was; replace it by a file inside the repository",
  },
  "hook.script.more": {
    zh: "……另有 {more} 行未显示（运行 channel validate 查看全部）",
    en: "… {more} more line(s) not shown (run channel validate to see them all)",
  },
  // issue 26: the merge driver and its registration
  "merge.help": {
    zh: "git 合并驱动（由 git 调用，不需手动运行）：按记录三方合并支行数据文件",
    en: "the git merge driver (git runs it; not for typing): a three-way merge of branch data files by record",
  },
  "merge.driver.conflict": {
    zh: "{file}：双方都改了 {record} 的 {field}，这一条记录留有冲突标记；改好后运行 channel validate 检查，再提交",
    en: "{file}: both sides changed {field} of {record}; that record is left between conflict markers. Fix it, run channel validate, then commit",
  },
  "merge.driver.lineMerge": {
    zh: "{file}：无法按记录合并（某一方不是有效的 YAML？），改用 git 的按行合并",
    en: "{file}: cannot merge by record (a side is not valid YAML?); git's line merge is used instead",
  },
  "merge.attributes.added": {
    zh: "{file}：已加入 `branches/**/*.yaml merge=channel`（请提交此文件，整个团队共用）",
    en: "{file}: added `branches/**/*.yaml merge=channel` (commit this file: the whole team uses it)",
  },
  "merge.registered": {
    zh: "已在本克隆的 git 配置（{config}）中注册合并驱动 merge.channel：两人各自的修改按记录合并，不再冲突。每个克隆都要运行一次 channel hook install",
    en: "registered the merge driver merge.channel in this clone's git config ({config}): independent changes now merge by record. Every clone runs channel hook install once",
  },
  "merge.notGitYet": {
    zh: "这里还不是 git 仓库：git init（或每次 git clone）之后运行 channel hook install，注册提交前的检查和按记录合并的合并驱动",
    en: "this is not a git repository yet: after git init (and in every git clone) run channel hook install to register the pre-commit check and the merge driver that merges by record",
  },
} satisfies Record<string, Bilingual>;
