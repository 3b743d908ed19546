/**
 * `channel log --to GROUP --branch ID` (issue 23): one activity naming every present member of
 * one or more greet groups at a branch — the festival SMS to the branch's key people, written
 * once instead of once per person. The groups are those of a holiday's `greet`
 * (src/rules/greet-groups.ts), by code or Chinese name (ENUM_NAMES.greet). Refuses rather than
 * guesses: an unknown group, a group nobody is in, or a branch whose staff or prospects cannot
 * be read (the list would silently miss people).
 */
import { t, type Lang } from "../i18n/catalog.js";
import { ENUM_NAMES, enumCode } from "../model/enum-names.js";
import { GREET_GROUPS, isGreetGroup, type GreetGroup } from "../model/holidays.js";
import type { Model } from "../model/types.js";
import type { IsoDate } from "../model/values.js";
import { groupMembers } from "../rules/greet-groups.js";
import { terminalText } from "../report/untrusted-text.js";
import { nearest } from "../validate/suggest.js";
import { CliError, EXIT_DATA_ERRORS, usageError } from "./errors.js";

/** The groups of `--to`, as codes, each once, in the order given; several in one value when separated by commas. */
export function parseGroups(lang: Lang, value: string): GreetGroup[] {
  const groups: GreetGroup[] = [];
  for (const written of value.split(/[,，、]/).map((v) => v.trim())) {
    if (written === "") continue;
    const code = enumCode("greet", written);
    if (!isGreetGroup(code)) {
      const candidates = [...GREET_GROUPS, ...Object.values(ENUM_NAMES.greet).flat()];
      const suggestion = nearest(written, candidates);
      throw usageError("log.error.badGroup", {
        value: written,
        allowed: allowedGroups(lang),
        hint: suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion }),
      });
    }
    if (!groups.includes(code)) groups.push(code);
  }
  if (groups.length === 0) throw usageError("log.error.emptyText", { option: "--to" });
  return groups;
}

/** "all_staff 全体员工, key 核心人物, …": every group with its usual Chinese name. */
export function allowedGroups(lang: Lang): string {
  return GREET_GROUPS.map((g) => `${g} ${ENUM_NAMES.greet[g][0]}`).join(lang === "zh" ? "、" : ", ");
}

/** The people `--to` names at a branch on the day of the contact. */
export interface GroupContact {
  /** Their ids, sorted: the activity's `with`. */
  ids: string[];
  /** "核心人物、负责人 共 5 人：王芳、…": the line that tells the user whom the entry names. */
  summary: string;
}

/**
 * Every present member of `groups` at `branch` on `date`. `unreadable`: the branch's staff.yaml
 * or prospects.yaml when it has errors now (its people are not in the model).
 */
export function groupContact(lang: Lang, model: Model, branchId: string, groups: readonly GreetGroup[], date: IsoDate, unreadable: readonly string[]): GroupContact {
  if (unreadable.length > 0) throw new CliError(EXIT_DATA_ERRORS, "log.error.groupUnreadable", { files: unreadable.join(", ") });
  const branch = model.branches.find((b) => b.id === branchId);
  const members = branch === undefined ? [] : groupMembers(branch, groups, date);
  const names = groups.map((g) => t(lang, `greet.${g}`)).join(lang === "zh" ? "、" : ", ");
  if (members.length === 0) throw new CliError(EXIT_DATA_ERRORS, "log.error.emptyGroup", { groups: names, branch: branchId, date });
  const people = members.map((m) => terminalText(m.type === "staff" ? m.staff.name : m.prospect.name)).join(lang === "zh" ? "、" : ", ");
  return { ids: members.map((m) => m.id), summary: t(lang, "log.toWritten", { groups: names, count: members.length, people }) };
}
