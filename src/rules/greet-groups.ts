/**
 * Who belongs to a `greet` group at a branch on day D (docs/rules.md, greet groups): for a
 * holiday's greeting items and for `log --to`. Staff count only while present at D
 * (src/rules/presence.ts); prospects belong by their tier (`valuable`) or by having bought or
 * converted on or before D (`customers`). Pure.
 */
import type { GreetGroup } from "../model/holidays.js";
// The core of the model (model/types.ts) under the usual names: the follow-ups never read the extra fields, so a warm run need not load them.
import type { BranchCore as Branch, ProspectCore as Prospect, StaffCore as StaffMember } from "../model/types.js";
import type { IsoDate } from "../model/values.js";
import { compareText } from "../findings.js";
import { isPresent } from "./presence.js";

/** A member of the groups, staff or prospect. */
export type GroupMember = { type: "staff"; id: string; staff: StaffMember } | { type: "prospect"; id: string; prospect: Prospect };

/** Whether a staff member present at D belongs to `group`. */
function staffInGroup(staff: StaffMember, group: GreetGroup): boolean {
  switch (group) {
    case "all_staff":
      return true;
    case "key":
      return staff.key;
    case "leader":
    case "daily":
    case "influencer":
    case "resource":
    case "external":
      return staff.category === group;
    case "female_staff":
      return staff.gender === "F";
    case "male_staff":
      return staff.gender === "M";
    case "valuable":
    case "customers":
      return false;
  }
}

/** Whether a prospect belongs to `group` on day D: the staff groups hold no prospects. */
function prospectInGroup(prospect: Prospect, group: GreetGroup, asOf: IsoDate): boolean {
  if (group === "valuable") return prospect.tier === "valuable";
  if (group === "customers") return prospect.purchases.some((p) => p.date <= asOf) || (prospect.converted !== null && prospect.converted.date <= asOf);
  return false;
}

/** Everyone at `branch` in any of `groups` on day D, each once, sorted by id. */
export function groupMembers(branch: Branch, groups: readonly GreetGroup[], asOf: IsoDate): GroupMember[] {
  if (groups.length === 0) return [];
  const members: GroupMember[] = [];
  for (const staff of branch.staff) {
    if (isPresent(staff, asOf) && groups.some((g) => staffInGroup(staff, g))) members.push({ type: "staff", id: staff.id, staff });
  }
  for (const prospect of branch.prospects) {
    if (groups.some((g) => prospectInGroup(prospect, g, asOf))) members.push({ type: "prospect", id: prospect.id, prospect });
  }
  return members.sort((a, b) => compareText(a.id, b.id));
}
