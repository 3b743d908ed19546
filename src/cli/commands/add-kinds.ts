/**
 * What `channel add` takes, apart from the command itself, so that the command line can list it
 * in the help without loading the writer (and its YAML editor).
 */
import { ENUM_NAMES } from "../../model/enum-names.js";

/** The kinds of record `add` makes. */
export const ADD_KINDS = ["prospect", "staff"] as const;
export type AddKind = (typeof ADD_KINDS)[number];

/** Prospect source kinds, as their codes (each also takes its Chinese names). */
export const SOURCE_KINDS = Object.keys(ENUM_NAMES.source);

export interface AddOptions {
  branch: string;
  phone?: string;
  /** A position code or its Chinese name (staff). */
  position?: string;
  /** A tier code or its Chinese name (prospects). */
  tier?: string;
  /** A source kind code or its Chinese name (prospects). */
  source?: string;
  /** The referring staff member, by id or name (prospects). */
  staff?: string;
  note?: string;
}
