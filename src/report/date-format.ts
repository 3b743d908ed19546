/**
 * Days and times as people read them in explanations: zh "3月5日", en "Mar 5". Tables keep
 * ISO dates (they sort and cannot be misread); these forms are for sentences.
 */
import type { Lang } from "../i18n/catalog.js";
import type { IsoDate, IsoDateTime } from "../model/values.js";

const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/**
 * A day: zh "3月5日", en "Mar 5". The year is added ("2011年12月25日", "Dec 25, 2011") when it
 * differs from `reference`'s year, since a month and day alone would then be ambiguous.
 */
export function formatDay(date: IsoDate, lang: Lang, reference?: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  const withYear = reference !== undefined && reference.slice(0, 4) !== date.slice(0, 4);
  if (lang === "zh") return `${withYear ? `${year}年` : ""}${month}月${day}日`;
  return `${EN_MONTHS[month - 1] ?? "?"} ${day}${withYear ? `, ${year}` : ""}`;
}

/** A day and time for sentences: zh "3月5日 10:30", en "Mar 5 10:30" (seconds only when not :00). */
export function formatDayTime(at: IsoDateTime, lang: Lang, reference?: IsoDate): string {
  return `${formatDay(at.slice(0, 10), lang, reference)} ${clockText(at)}`;
}

/** A datetime for table cells, the same in every language: "2012-02-20 10:30" (seconds only when not :00). */
export function formatDateTimeCell(at: IsoDateTime): string {
  return `${at.slice(0, 10)} ${clockText(at)}`;
}

function clockText(at: IsoDateTime): string {
  const seconds = at.slice(17, 19);
  return seconds === "" || seconds === "00" ? at.slice(11, 16) : at.slice(11, 19);
}
