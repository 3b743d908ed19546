/**
 * Which schemas the tool validates against, as one hash: generated validators and cached
 * results are trusted only when made from the same schemas.
 */
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import type { FileKind } from "../load/repository.js";
import { SCHEMA_DIR } from "../paths.js";

export { SCHEMA_DIR } from "../paths.js";
export const COMMON_SCHEMA = "common.schema.json";

export const SCHEMA_FILES: Readonly<Record<FileKind, string>> = {
  channel: "channel.schema.json",
  departments: "departments.schema.json",
  branch: "branch.schema.json",
  staff: "staff.schema.json",
  kpis: "kpis.schema.json",
  competitors: "competitors.schema.json",
  prospects: "prospects.schema.json",
  activities: "activities.schema.json",
};

/** The schema texts by file name, in a fixed order. */
export function readSchemaTexts(): [string, string][] {
  return [COMMON_SCHEMA, ...Object.values(SCHEMA_FILES)].map((name) => [name, fs.readFileSync(new URL(name, SCHEMA_DIR), "utf8")]);
}

export function schemaFingerprint(texts: [string, string][] = readSchemaTexts()): string {
  const hash = createHash("sha256");
  for (const [name, text] of texts) hash.update(name).update("\0").update(text).update("\0");
  return hash.digest("hex");
}
