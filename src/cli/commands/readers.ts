/**
 * The commands that only read, as one module: `main` imports it when one of them runs. One
 * module rather than one per command keeps the bundle in a few chunks (each dynamic import is
 * a split point, and Node loads every chunk as a module of its own).
 */
export { runValidate } from "./validate.js";
export { runBonus } from "./bonus.js";
export { runExpenses } from "./expenses.js";
export { runReportMonthly, runReportSummary } from "./report.js";
export { runCoverage } from "./coverage.js";
export { runExport } from "./export.js";
export { runAudit } from "./audit.js";
// Issue 25.
export { runShow } from "./show.js";
