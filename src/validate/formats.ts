/**
 * The string formats the schemas use: ajv-formats' standard ones (date, email, …) and ours.
 * Shared by the runtime compiler and by the validators generated at build time, so both
 * decide validity with the very same functions.
 */
import { fullFormats } from "ajv-formats/dist/formats.js";
import { isKnownTimezone, parseBirthday, parseDate, parseDateTime, parseMoney } from "../model/values.js";

export const CHANNEL_FORMATS: Readonly<Record<string, (text: string) => boolean>> = {
  "channel-datetime": (text) => parseDateTime(text) !== null,
  "channel-birthday": (text) => parseBirthday(text) !== null,
  "channel-timezone": (text) => isKnownTimezone(text),
  // Money written as text is valid only when the rules can count it (under 1e15 yuan).
  "channel-money": (text) => parseMoney(text) !== null,
  // Issue 25: `hq_registered` may be a day or, when the time matters, a datetime.
  "channel-date-or-datetime": (text) => parseDate(text) !== null || parseDateTime(text) !== null,
};

/** Every format by name, as the generated validators look them up. */
export const ALL_FORMATS: Readonly<Record<string, unknown>> = { ...fullFormats, ...CHANNEL_FORMATS };
