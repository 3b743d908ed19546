/**
 * `channel show <person-id|name|branch-id>`: the card to read before a visit. A person's card
 * holds everything the archive has on them, their last contacts and their open follow-ups; a
 * branch's its profile, the 行长's record, staff by category with each one's last contact,
 * competitors, the last three months' KPIs, open items and the checklist gaps.
 *
 * What it names is looked up as an id first (a person's, then a branch's), then as a name with
 * the same resolver as `log` (a name found at several branches is refused with the ids, and
 * `--branch` narrows it), then as a branch's name. Like `followups`, it works from the files
 * without errors, names the skipped ones on stderr and then exits 1.
 */
import { t } from "../../i18n/catalog.js";
import type { Model } from "../../model/types.js";
import { branchDisplayNames } from "../../report/followups.js";
import { redactCard, renderCard, SHOW_FORMATS } from "../../report/show.js";
import { terminalLine } from "../../report/untrusted-text.js";
import { buildBranchCard, buildPersonCard, type Card } from "../../rules/cards.js";
import { emit, resolveAsOf, resolveFormat, terminalWidth, type Context } from "../context.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK } from "../errors.js";
import { didYouMean, resolvePerson, type PersonRecord } from "../people.js";
import { loadData } from "../pipeline.js";

export interface ShowOptions {
  /** `--branch`: narrows a name found at several branches. */
  branch?: string;
  /** `--redact`: mask personal data, as redacted exports do. */
  redact?: boolean;
}

/** What the argument names: a person (by id) or a branch (by id). */
type Target = { kind: "person"; id: string } | { kind: "branch"; id: string };

export async function runShow(ctx: Context, target: string, options: ShowOptions): Promise<number> {
  const format = resolveFormat(ctx, SHOW_FORMATS);
  const { root, model, skipped, repo } = await loadData(ctx);
  const asOf = resolveAsOf(ctx, model.settings.timezone);
  const folders = [...new Set([...model.branches.map((b) => b.id), ...repo.branchFolders])];
  if (options.branch !== undefined && !folders.includes(options.branch)) {
    throw new CliError(EXIT_DATA_ERRORS, "show.error.unknownBranch", { value: options.branch, hint: didYouMean(ctx.lang, options.branch, folders) });
  }
  const unreadable = skipped.filter((f) => /\/(staff|prospects)\.yaml$/.test(f));
  // A branch folder the model lacks (its branch.yaml missing or with errors) is still named as a branch.
  const found: Target = repo.branchFolders.includes(target.trim()) && !model.branches.some((b) => b.id === target.trim()) ? { kind: "branch", id: target.trim() } : resolveTarget(ctx, model, target.trim(), options.branch, unreadable);

  let card: Card | null = found.kind === "person" ? buildPersonCard(model, found.id, asOf) : buildBranchCard(model, found.id, asOf);
  // The resolver found the id in the model, so the card exists; a branch folder whose branch.yaml has errors has none.
  if (card === null) throw new CliError(EXIT_DATA_ERRORS, "show.error.unknown", { value: target, hint: unreadableHint(ctx, skipped) });
  if (card.kind === "person" && options.branch !== undefined && card.branch.id !== options.branch) {
    throw new CliError(EXIT_DATA_ERRORS, "show.error.otherBranch", { person: target, actual: card.branch.id, branch: options.branch });
  }
  if (options.redact === true) card = redactCard(card);
  emit(ctx, renderCard(card, format, ctx.lang, ctx.style, terminalWidth(ctx)), root);
  for (const file of skipped) ctx.surroundings.stderr(`channel: ${terminalLine(t(ctx.lang, "show.skippedFile", { file }))}\n`);
  return skipped.length > 0 ? EXIT_DATA_ERRORS : EXIT_OK;
}

function unreadableHint(ctx: Context, skipped: readonly string[]): string {
  return skipped.length === 0 ? "" : t(ctx.lang, "log.error.unreadableFiles", { files: skipped.join(", ") });
}

/** Every staff member and prospect of the model, as the shared resolver takes them. */
function modelPeople(model: Model): PersonRecord[] {
  return model.branches.flatMap((b) => [
    ...b.staff.map((s): PersonRecord => ({ id: s.id, name: s.name, branch: b.id, left: s.left, leftNote: s.leftNote, type: "staff" })),
    ...b.prospects.map((p): PersonRecord => ({ id: p.id, name: p.name, branch: b.id, left: null, leftNote: null, type: "prospect" })),
  ]);
}

/**
 * The person or branch `arg` names: a person's id, a branch's id, a person's name (the shared
 * resolver: unique, or narrowed by `--branch`), a branch's name (full, or without the bank's
 * name in front, as the follow-up list shows it). An argument that is both a person's and a
 * branch's id or name is refused with both.
 */
function resolveTarget(ctx: Context, model: Model, arg: string, branch: string | undefined, unreadable: readonly string[]): Target {
  const people = modelPeople(model);
  const shortNames = branchDisplayNames(model);
  const personById = people.some((p) => p.id === arg);
  const branchById = model.branches.some((b) => b.id === arg);
  if (personById && branchById) throw new CliError(EXIT_DATA_ERRORS, "show.error.ambiguous", { value: arg, ids: `${arg} @ ${people.find((p) => p.id === arg)!.branch}, ${arg}` });
  if (personById) return { kind: "person", id: arg };
  if (branchById) return { kind: "branch", id: arg };
  const branches = model.branches.filter((b) => b.name === arg || shortNames.get(b.id) === arg);
  const named = people.filter((p) => p.name === arg);
  if (named.length > 0 && branches.length > 0) {
    throw new CliError(EXIT_DATA_ERRORS, "show.error.ambiguous", { value: arg, ids: [...named.map((p) => `${p.id} @ ${p.branch}`), ...branches.map((b) => b.id)].join(", ") });
  }
  if (named.length > 0) return { kind: "person", id: resolvePerson(ctx.lang, arg, people, unreadable, branch).id };
  if (branches.length === 1) return { kind: "branch", id: branches[0]!.id };
  if (branches.length > 1) throw new CliError(EXIT_DATA_ERRORS, "log.error.ambiguousName", { value: arg, ids: branches.map((b) => b.id).join(", ") });
  const candidates = [...new Set([...people.flatMap((p) => (p.name === null ? [p.id] : [p.id, p.name])), ...model.branches.flatMap((b) => [b.id, b.name])])];
  const unread = unreadable.length === 0 ? "" : t(ctx.lang, "log.error.unreadableFiles", { files: unreadable.join(", ") });
  throw new CliError(EXIT_DATA_ERRORS, "show.error.unknown", { value: arg, hint: didYouMean(ctx.lang, arg, candidates) + unread });
}
