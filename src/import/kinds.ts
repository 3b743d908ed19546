/** What `channel import` reads; apart so the command line can list it without loading the importer. */
export const IMPORT_KINDS = ["staff", "prospects", "activities"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
