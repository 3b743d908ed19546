/**
 * Turning the JSON Schemas into validate functions. At build time `scripts/build-validators.mjs`
 * uses `createAjv` to write them out as standalone code (bundled into dist/validators.cjs),
 * so a run pays no compile cost; if that file is missing or was made from other schemas
 * (its fingerprint differs), the schemas are compiled here at run time instead.
 */
import type { ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { FileKind } from "../load/repository.js";
import { createRequire } from "node:module";
import { GENERATED_VALIDATORS } from "../paths.js";
import { ALL_FORMATS } from "./formats.js";
import { readSchemaTexts, schemaFingerprint, SCHEMA_FILES } from "./fingerprint.js";

export { COMMON_SCHEMA, readSchemaTexts, schemaFingerprint, SCHEMA_DIR, SCHEMA_FILES } from "./fingerprint.js";

/** The options every validator is built with; `verbose` gives errors their parent schema (for "did you mean"). */
export const AJV_OPTIONS = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;

/**
 * Keywords the schemas carry for editors only, which ajv's strict mode must be told of: the
 * Red Hat YAML language server shows `enumDescriptions` in completion and hover
 * (scripts/sync-schema-enums.mjs writes them). They never validate anything.
 */
export const ANNOTATION_KEYWORDS = ["enumDescriptions"] as const;

/**
 * The messages an editor shows for a value of the wrong form (src/validate/schema-messages.ts):
 * text keywords the YAML language server reads, annotations to ajv.
 */
export const MESSAGE_KEYWORDS = ["patternErrorMessage", "errorMessage"] as const;

/** An ajv instance with our formats and every schema added under its file name. */
export function createAjv(texts: [string, string][], extraOptions: object = {}): Ajv2020 {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extraOptions });
  for (const [name, format] of Object.entries(ALL_FORMATS)) ajv.addFormat(name, format as never);
  for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: "array" });
  for (const keyword of MESSAGE_KEYWORDS) ajv.addKeyword({ keyword, schemaType: "string" });
  for (const [name, text] of texts) ajv.addSchema(JSON.parse(text) as object, name);
  return ajv;
}

type Validators = Record<FileKind, ValidateFunction>;

interface GeneratedModule {
  fingerprint: string;
  validators: Record<string, ValidateFunction>;
}

/** The generated validators, or null when the build did not make them (tests run from src/). */
function loadGenerated(): GeneratedModule | null {
  try {
    // Loaded on first use, synchronously: a run answered from the cache never pays for it.
    return createRequire(import.meta.url)(GENERATED_VALIDATORS) as GeneratedModule;
  } catch {
    return null;
  }
}

let cached: Validators | null = null;

/** The validate function of each file kind. */
export function validators(): Validators {
  if (cached) return cached;
  const texts = readSchemaTexts();
  const generated = loadGenerated();
  if (generated && generated.fingerprint === schemaFingerprint(texts)) {
    cached = generated.validators as Validators;
  } else {
    const ajv = createAjv(texts);
    const compiled = {} as Validators;
    for (const [kind, name] of Object.entries(SCHEMA_FILES) as [FileKind, string][]) {
      const validate = ajv.getSchema(name);
      if (!validate) throw new Error(`schema ${name} is missing`);
      compiled[kind] = validate;
    }
    cached = compiled;
  }
  return cached;
}
