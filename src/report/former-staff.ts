/**
 * How outputs name a person who is no longer at a branch: "王芳（已离开 2012-05-10，离职）",
 * "刘行长（已调往南山支行）". The record stays, so reports and `log` still show the person;
 * this says that they are former staff.
 */
import { t, type Lang } from "../i18n/catalog.js";
import type { IsoDate } from "../model/values.js";

/** What is known about a person's leaving, as of the day an output is made for. */
export interface Departure {
  /** `left`, when on or before the day of the output; null otherwise. */
  left: IsoDate | null;
  leftNote: string | null;
  /** The branch whose staff.yaml now holds the person, when it is not the branch being shown. */
  movedTo: { id: string; name: string } | null;
}

/** The note on a person's leaving ("已离开 2012-05-10，离职"), or null for a person still there. */
export function departureText(departure: Departure, lang: Lang): string | null {
  if (departure.left !== null) {
    return departure.leftNote === null
      ? t(lang, "staff.left", { date: departure.left })
      : t(lang, "staff.leftWithNote", { date: departure.left, note: departure.leftNote });
  }
  return departure.movedTo === null ? null : t(lang, "staff.movedTo", { branch: departure.movedTo.name });
}

/** A person's name with the note on their leaving, if any: "王芳（已离开 2012-05-10，离职）". */
export function nameWithDeparture(name: string, departure: Departure, lang: Lang): string {
  const note = departureText(departure, lang);
  if (note === null) return name;
  return lang === "zh" ? `${name}（${note}）` : `${name} (${note})`;
}
