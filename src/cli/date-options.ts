/**
 * The one parser of the command line's dates (`--as-of`, `--date`, `--month`), used as
 * commander's argument parser so a wrong date ends the run before anything is read. Dates
 * outside 1900–2100 are refused: no record of this work lies there, and the calendars the rules
 * walk (lunar birthdays, holidays, month ranges) are neither known nor bounded beyond it — a
 * year 9999 once ran for a minute and 4 GB before the process was aborted.
 */
import { parseDate, type IsoDate, type IsoMonth } from "../model/values.js";
import { usageError } from "./errors.js";

/** The years a date on the command line may fall in, both included. */
export const SUPPORTED_YEARS = { first: 1900, last: 2100 } as const;

function checkYear(option: string, value: string): void {
  const year = Number(value.slice(0, 4));
  if (year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) {
    throw usageError("error.dateOutOfRange", { option, value, first: SUPPORTED_YEARS.first, last: SUPPORTED_YEARS.last });
  }
}

/** A real day `YYYY-MM-DD` within the supported years, or a usage error naming the option. */
export function parseDayOption(option: string, value: string): IsoDate {
  const day = parseDate(value);
  if (day === null) throw usageError("error.badDate", { option, value });
  checkYear(option, day);
  return day;
}

/** A month `YYYY-MM` within the supported years, or a usage error naming the option. */
export function parseMonthOption(option: string, value: string): IsoMonth {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value)) throw usageError("error.badMonth", { option, value });
  checkYear(option, value);
  return value;
}
