/**
 * Local times of the repository's timezone and the instants they name. Git records instants
 * (seconds since the epoch); the data records local days and times: comparing the two needs
 * the zone's offset on that day, which Intl knows (daylight saving included).
 */
import type { IsoDate, IsoDateTime } from "./values.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

/** The local time (`YYYY-MM-DDTHH:mm:ss`) in `timezone` of an instant given in seconds since the epoch. */
export function localDateTimeOf(epochSeconds: number, timezone: string): IsoDateTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(epochSeconds * 1000))) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Seconds that `timezone` is ahead of UTC at the instant `epochSeconds`. */
function offsetAt(epochSeconds: number, timezone: string): number {
  return (Date.parse(`${localDateTimeOf(epochSeconds, timezone)}Z`) - epochSeconds * 1000) / 1000;
}

/**
 * The instant (seconds since the epoch) of a local time in `timezone`. A time that a change to
 * summer time skips is taken with the offset before the change; one that occurs twice, the first.
 */
export function epochSecondsOf(local: IsoDateTime, timezone: string): number {
  const asUtc = Date.parse(`${local}Z`) / 1000;
  let guess = asUtc - offsetAt(asUtc, timezone);
  // A second look settles a guess made across a change of offset.
  guess = asUtc - offsetAt(guess, timezone);
  return guess;
}

/** The last second of a day in `timezone`, as an instant. */
export function endOfDayEpochSeconds(day: IsoDate, timezone: string): number {
  return epochSecondsOf(`${day}T23:59:59`, timezone);
}
