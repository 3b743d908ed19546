/** What `channel export` writes; apart so the command line can list it without loading the exporter. */
export const EXPORT_KINDS = ["staff", "prospects", "activities", "followups", "bonus"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
