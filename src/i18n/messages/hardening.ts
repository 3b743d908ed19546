/** Messages of issue 28 (hardening): a data file emptied by an editor, interrupted two-file writes, locks, folders. */
import type { Bilingual } from "../catalog.js";

export const HARDENING_MESSAGES = {
  "safety.write.shrunk": {
    zh: "{file} 现在只有 {size} 字节，而 git（暂存区或最近一次提交）里它有 {known} 字节：可能有编辑器正在保存它（先清空再写回），此时写入会丢掉其中的记录。未写入任何内容。请等编辑器保存完毕，或用 git diff 查看；确认要在现在的内容上写入时加 --force",
    en: "{file} now holds {size} bytes while git (the index or the last commit) has it with {known}: an editor may be half-way through saving it (emptied, not yet written back), and writing now would lose its entries. Nothing was written. Wait for the editor to finish, or look with git diff; add --force to write onto what it holds now",
  },
  "safety.write.missingButKnown": {
    zh: "{file} 不存在，而 git（暂存区或最近一次提交）里它有 {known} 字节：可能有编辑器正在保存它，或它被误删了。未写入任何内容。可用 git restore {file} 恢复；确认要新建时加 --force",
    en: "{file} does not exist while git (the index or the last commit) has it with {known} bytes: an editor may be saving it, or it was deleted by mistake. Nothing was written. git restore {file} brings it back; add --force to start a new file",
  },
  "safety.intent.rolledBack": {
    zh: "上一次 channel 写入（{files}）在中途被终止，只写了一部分；已把 {restored} 改回写入前的样子，那次什么都没有记下（请重新记录）",
    en: "the last channel write ({files}) was stopped half-way; {restored} has been put back as it was before, so nothing of it was recorded (record it again)",
  },
  "safety.intent.unresolved": {
    zh: "上一次 channel 写入（{files}）在中途被终止，且 {changed} 其后又被改动，无法自动改回。请打开这些文件检查（git diff 可以看到改动）",
    en: "the last channel write ({files}) was stopped half-way, and {changed} changed afterwards, so it could not be put back automatically. Check those files (git diff shows the change)",
  },
  "audit.code.committer_time_backwards": { zh: "提交时间倒退", en: "committer time goes back" },
  "audit.kind.commit": { zh: "提交", en: "commit" },
  "audit.detail.committer_time_backwards": {
    zh: "此提交的提交时间 {committedAt} 早于它的上一个提交 {parent}（{parentAt}）：历史中的时间顺序不可信（电脑时钟被调过或历史被改写），这一段“最早提交于”的时间需人工核实",
    en: "committed {committedAt}, earlier than the commit before it on the main line, {parent} ({parentAt}): the history's times are out of order (a clock set back, or history rewritten), so the \"first committed\" times around it need checking by hand",
  },
  "safety.lock.notAFile": {
    zh: "无法写入 {file}：锁文件的位置 {lock} 被一个链接或文件夹占着，它不是 channel 建的锁。文件保持原样；确认没有 channel 在运行后删除 {lock} 再重试",
    en: "cannot write {file}: the lock's place {lock} is taken by a link or a folder, which is no lock channel makes. The file is as it was; once sure no channel is running, delete {lock} and try again",
  },
  "safety.lock.cannotBreak": {
    zh: "无法写入 {file}：{lock} 是一个已中断的 channel 留下的锁，但 channel 无法删除它（{reason}，所在文件夹不可写）。文件保持原样；请有写权限的人删除 {lock}",
    en: "cannot write {file}: {lock} is a lock left by a channel that was stopped, and channel cannot remove it ({reason}: its folder is not writable). The file is as it was; someone who may write there should delete {lock}",
  },
  "error.cwdGone": {
    zh: "当前所在的文件夹（{dir}）已不存在（被删除或移走了？）。请先 cd 到一个存在的文件夹，或用 --data 给出完整路径",
    en: "the current folder ({dir}) no longer exists (deleted or moved away?). cd into a folder that exists, or give --data with a full path",
  },
  "init.error.systemFolder": {
    zh: "{dir} 是系统文件夹（或根目录、主目录），不宜在这里建数据仓库：channel init 会在其中写入 channel.yaml、branches/ 等文件。请指定一个新文件夹，如 channel init ~/渠道数据；确实要在这里建时加 --force",
    en: "{dir} is a system folder (or the root, or your home folder): channel init would write channel.yaml, branches/ and more into it. Name a new folder, such as channel init ~/channel-data; add --force if it really should be here",
  },
  "init.error.danglingLink": {
    zh: "{file} 是指向不存在之处（{target}）的链接：channel init 既不能保留它也不会替换它。请删除这个链接（或让它指向存在的文件）后再运行 channel init",
    en: "{file} is a link to something that does not exist ({target}): channel init can neither keep it nor replace it. Delete the link (or point it at a file that exists), then run channel init again",
  },
} satisfies Record<string, Bilingual>;
