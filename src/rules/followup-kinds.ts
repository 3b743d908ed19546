/** The follow-up item kinds, in the order of docs/rules.md (the second sort key); apart so the command line can list them without loading the rules. */
export const FOLLOWUP_KINDS = [
  "birthday",
  "holiday",
  "greeting",
  "contact",
  "leader_report",
  "archive_review",
  "hq_report",
  "prospect_followup",
  "maturity",
  "large_movement",
  "complaint",
  "care_call",
  "planned",
  "hq_registration",
] as const;

export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];

/**
 * The event-like kinds: the items a contact can deal with, and so the values an activity's
 * `done` list may name. They stay on the list until an activity closes them (docs/rules.md).
 */
export const DONE_KINDS = ["prospect_followup", "maturity", "large_movement", "complaint", "care_call"] as const satisfies readonly FollowupKind[];

export type DoneKind = (typeof DONE_KINDS)[number];
