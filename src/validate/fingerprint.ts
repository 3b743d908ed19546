/**
 * Which schemas the tool validates against: generated validators are trusted only when made
 * from the same schemas (their fingerprint, a hash of the texts), and cached results only
 * under the same schema files (their stamp, from the files' stats).
 */
import * as fs from "node:fs";
import { fileURLToPath } from "node:url";
import { createHash } from "../load/hash.js";
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

/**
 * What the cache keys carry instead of the fingerprint: each schema file's name, size and
 * modification and change times. Any edit changes it, and it costs nine stats rather than
 * reading and hashing the schemas on every run.
 */
export function schemaStamp(): string {
  // A path rather than a URL per file: URL parsing was most of the cost of this every-run call.
  const schemaPath = fileURLToPath(SCHEMA_DIR);
  return [COMMON_SCHEMA, ...Object.values(SCHEMA_FILES)]
    .map((name) => {
      const stat = fs.statSync(schemaPath + name);
      return `${name}:${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`;
    })
    .join("|");
}
