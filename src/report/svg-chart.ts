/**
 * A small inline SVG chart for the monthly table: one bar panel per figure ("small multiples"),
 * each on its own scale, because new accounts (a count) and assets in (yuan) share no axis.
 * The current month's bar is dark, the others light; every bar carries its value, so the
 * chart reads without a grid and prints in black and white.
 *
 * No scripts, no external fonts or images: the text inherits the page's font stack.
 */
import { visibleControls } from "./untrusted-text.js";

/** One panel: a title and one value per month (null: no figure entered). */
export interface ChartPanel {
  title: string;
  values: (number | null)[];
  /** The value as printed above each bar, already formatted for the reader. */
  labels: string[];
}

export interface ChartSpec {
  /** Axis labels, one per month, oldest first. */
  months: string[];
  /** Index of the month the report is about (drawn dark). */
  highlight: number;
  panels: ChartPanel[];
  /** A sentence for screen readers (`<title>` and aria-label). */
  description: string;
  /** Printed where a month has no figure. */
  noData: string;
}

/** Text for XML/HTML text and attribute values. */
export function escapeXml(text: string): string {
  // Control and text-direction characters shown as in every other output (XML 1.0 forbids most
  // of them; a U+202E would turn a name round on the page).
  return visibleControls(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const PANEL_WIDTH = 340;
const PANEL_HEIGHT = 190;
const GAP = 20;
const COLUMNS = 2;
const PLAIN = "#a9c1dc";
const DARK = "#1f4e79";
const INK = "#222";
const MUTED = "#666";

/** Numbers in SVG attributes: at most one decimal, no exponent. */
function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function panelSvg(panel: ChartPanel, spec: ChartSpec, x0: number, y0: number): string {
  const plotTop = y0 + 40;
  const baseline = y0 + PANEL_HEIGHT - 34;
  const slot = (PANEL_WIDTH - 20) / Math.max(1, spec.months.length);
  const barWidth = Math.min(34, slot * 0.6);
  const max = Math.max(0, ...panel.values.filter((v): v is number => v !== null));
  const parts: string[] = [];
  parts.push(`<rect x="${n(x0)}" y="${n(y0)}" width="${PANEL_WIDTH}" height="${PANEL_HEIGHT}" rx="4" fill="#fff" stroke="#d0d7de"/>`);
  parts.push(`<text x="${n(x0 + 12)}" y="${n(y0 + 22)}" font-size="14" font-weight="bold" fill="${INK}">${escapeXml(panel.title)}</text>`);
  spec.months.forEach((month, i) => {
    const cx = x0 + 10 + slot * (i + 0.5);
    const value = panel.values[i] ?? null;
    const current = i === spec.highlight;
    if (value === null) {
      parts.push(`<text x="${n(cx)}" y="${n(baseline - 6)}" font-size="11" text-anchor="middle" fill="${MUTED}">${escapeXml(spec.noData)}</text>`);
    } else {
      const height = max === 0 ? 0 : ((baseline - plotTop) * value) / max;
      parts.push(
        `<rect x="${n(cx - barWidth / 2)}" y="${n(baseline - height)}" width="${n(barWidth)}" height="${n(height)}" fill="${current ? DARK : PLAIN}"/>`,
      );
      parts.push(
        `<text x="${n(cx)}" y="${n(baseline - height - 5)}" font-size="11" text-anchor="middle" fill="${INK}"${current ? ' font-weight="bold"' : ""}>${escapeXml(panel.labels[i] ?? "")}</text>`,
      );
    }
    parts.push(
      `<text x="${n(cx)}" y="${n(baseline + 18)}" font-size="11" text-anchor="middle" fill="${current ? INK : MUTED}"${current ? ' font-weight="bold"' : ""}>${escapeXml(month)}</text>`,
    );
  });
  parts.push(`<line x1="${n(x0 + 10)}" y1="${n(baseline)}" x2="${n(x0 + PANEL_WIDTH - 10)}" y2="${n(baseline)}" stroke="#999" stroke-width="1"/>`);
  return parts.join("");
}

/** The chart as one `<svg>` element, scaled to the width of its container. */
export function renderChartSvg(spec: ChartSpec): string {
  const rows = Math.ceil(spec.panels.length / COLUMNS);
  const width = COLUMNS * PANEL_WIDTH + (COLUMNS - 1) * GAP;
  const height = rows * PANEL_HEIGHT + (rows - 1) * GAP;
  const panels = spec.panels.map((panel, i) => panelSvg(panel, spec, (i % COLUMNS) * (PANEL_WIDTH + GAP), Math.floor(i / COLUMNS) * (PANEL_HEIGHT + GAP)));
  const label = escapeXml(spec.description);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-label="${label}">` +
    `<title>${label}</title>${panels.join("")}</svg>`
  );
}
