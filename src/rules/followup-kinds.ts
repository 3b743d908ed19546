/** The follow-up item kinds, in the order of docs/rules.md (the second sort key); apart so the command line can list them without loading the rules. */
export const FOLLOWUP_KINDS = [
  "birthday",
  "holiday",
  "contact",
  "leader_report",
  "archive_review",
  "prospect_followup",
  "maturity",
  "large_movement",
  "care_call",
  "hq_registration",
] as const;

export type FollowupKind = (typeof FOLLOWUP_KINDS)[number];
