/**
 * Who is at a branch on day D. A staff member "present at D" has no `left` on or before D: the
 * record stays after they move or leave (their contacts, referrals and conversion still count),
 * but counts of the people at a branch, reminders and the archive's completeness leave them out.
 */
import type { StaffMember } from "../model/types.js";
import type { IsoDate } from "../model/values.js";

export function isPresent(staff: Pick<StaffMember, "left">, asOf: IsoDate): boolean {
  return staff.left === null || staff.left > asOf;
}
