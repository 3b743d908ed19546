/**
 * `channel add prospect|staff <name> --branch ID …`: quick capture (简易采集) without an editor —
 * the walk-in at the counter, the neighbour met at a community campaign, the new lobby manager.
 * It makes the id as `import` does (pinyin: 王大爷 → p-wang-009, 刘洋 → liu-yang), writes
 * `found: D` for a prospect (D = --as-of, default today), takes positions, tiers and sources by
 * their codes or Chinese names (written as the codes), and appends the entry to the branch's
 * staff.yaml or prospects.yaml keeping the file's comments and layout (created when missing).
 *
 * One of the commands that write into the repository, so it refuses rather than guesses: the new
 * entry is validated first (schema and references, as `channel validate` does), a file that has
 * errors now is not touched, and a person already there (same name and phone at the branch) is
 * not added twice unless --force. Like `log` it reads the branch it writes into, the settings
 * and the people index (who is where: ids taken, the referrer), not the whole repository
 * (edit-load.ts, issue 29). It holds the
 * repository's lock from the load to the write and writes only over the bytes it read and
 * checked (data-write.ts), as `log` does.
 *
 * Prints the new id on stdout (for scripts: `id=$(channel add …)`), the sentence on stderr.
 */
import * as path from "node:path";
import { t } from "../../i18n/catalog.js";
import { appendEntries, EditError } from "../../import/append-entries.js";
import { existingRecords } from "../../import/check.js";
import { loadPinyin, prospectId, staffId } from "../../import/ids.js";
import { normalise, parsePhone } from "../../import/values.js";
import { describeAllowed, ENUM_NAMES, enumCode } from "../../model/enum-names.js";
import { POSITIONS } from "../../model/types.js";
import { renderDiagnosticsText } from "../../report/diagnostics.js";
import { firstControlCharacter, shownCharacter, terminalLine } from "../../report/untrusted-text.js";
import { emit, resolveAsOf, resolveFormat, resolveRoot, todayIn, type Context } from "../context.js";
import { whileHoldingRepository, writeDataFile } from "../data-write.js";
import { CliError, EXIT_DATA_ERRORS, EXIT_OK, usageError } from "../errors.js";
import { didYouMean, resolvePerson } from "../people.js";
import { loadBranches, loadPeopleIndex, newBranchErrors } from "../edit-load.js";
import { ADD_KINDS, SOURCE_KINDS, type AddKind, type AddOptions } from "./add-kinds.js";

export { ADD_KINDS, type AddOptions };

const TIERS = ["basic", "valuable"] as const;

export async function runAdd(ctx: Context, kindArg: string, nameArg: string, options: AddOptions): Promise<number> {
  const lang = ctx.lang;
  const format = resolveFormat(ctx, ["table", "json"] as const);
  const kind = checkKind(ctx, kindArg);
  const name = nameArg.trim().replace(/\s+/g, " ");
  if (name === "") throw usageError("add.error.emptyName");
  const note = options.note?.replace(/\r\n?/g, "\n").trim();
  for (const [option, value] of [["<name>", name], ["--note", note], ["--staff", options.staff]] as const) {
    if (value === undefined) continue;
    if (value.trim() === "") throw usageError("log.error.emptyText", { option });
    // What validate would flag in the file (CONTROL_CHARACTER) is not written into it.
    const at = firstControlCharacter(value);
    if (at >= 0) throw usageError("log.error.controlCharacter", { option, char: shownCharacter(value.charAt(at)) });
  }
  const only = (option: string, value: unknown, allowed: AddKind) => {
    if (value !== undefined && kind !== allowed) throw usageError(allowed === "prospect" ? "add.error.prospectOnly" : "add.error.staffOnly", { option });
  };
  only("--tier", options.tier, "prospect");
  only("--source", options.source, "prospect");
  only("--staff", options.staff, "prospect");
  only("--position", options.position, "staff");
  if (kind === "staff" && options.position === undefined) throw usageError("add.error.positionRequired");

  const position = options.position === undefined ? null : checkEnum(ctx, "position", options.position, POSITIONS, "add.error.badPosition");
  const tier = options.tier === undefined ? null : checkEnum(ctx, "tier", options.tier, TIERS, "add.error.badTier");
  const sourceKind = options.source === undefined ? null : checkEnum(ctx, "source", options.source, SOURCE_KINDS, "add.error.badSource");
  let phone: string | null = null;
  if (options.phone !== undefined) {
    const parsed = parsePhone(options.phone);
    if (!parsed.ok) throw usageError("add.error.badPhone", { value: options.phone, reason: t(lang, parsed.reason, parsed.params ?? {}) });
    phone = parsed.value;
  }
  const pinyin = await loadPinyin();

  return whileHoldingRepository(resolveRoot(ctx), async (write) => {
    // add edits a file: it reads the branch it writes into as it is now, not a cached answer,
    // and of the rest of the repository only who is where (the people index).
    const index = await loadPeopleIndex(ctx);
    const branch = options.branch;
    if (!index.branchFolders.includes(branch)) throw new CliError(EXIT_DATA_ERRORS, "log.error.unknownBranch", { value: branch, hint: didYouMean(lang, branch, index.branchFolders) });
    const branchData = await loadBranches(ctx, index, new Set([branch]));
    const { root, repo, validation, model, bytes } = branchData;
    const timezone = model.settings.timezone;
    const today = todayIn(timezone, ctx.surroundings.now());
    const day = resolveAsOf(ctx, timezone);
    if (day > today) throw usageError("add.error.futureDate", { date: day, today });

    const fileKind = kind === "prospect" ? "prospects" : "staff";
    const rel = `branches/${branch}/${fileKind}.yaml`;
    if (validation.filesWithErrors.has(rel)) {
      ctx.surroundings.stderr(renderDiagnosticsText({ ...validation, findings: validation.findings.filter((f) => f.file === rel) }, repo.files, lang, ctx.style));
      throw new CliError(EXIT_DATA_ERRORS, "add.error.fileHasErrors", { file: rel });
    }

    const existing = existingRecords(repo);
    const twin = existing.people.find((p) => p.kind === fileKind && p.branch === branch && p.name !== null && normalise(p.name) === normalise(name) && p.phone === phone);
    if (twin !== undefined && ctx.options.force !== true) {
      throw new CliError(EXIT_DATA_ERRORS, "add.error.duplicate", {
        branch,
        what: t(lang, kind === "prospect" ? "add.what.prospect" : "add.what.staff"),
        name: twin.name ?? name,
        id: twin.id,
        phone: twin.phone === null ? "" : t(lang, "add.duplicatePhone", { phone: twin.phone }),
      });
    }

    let referrer: string | null = null;
    if (options.staff !== undefined) {
      const wanted = options.staff.trim();
      const found = resolvePerson(lang, wanted, index.matching([wanted]), index.unreadable, branch, () => index.all());
      if (found.type !== "staff") throw new CliError(EXIT_DATA_ERRORS, "add.error.referrerNotStaff", { value: options.staff });
      referrer = found.id;
    }

    // Ids are one namespace over the whole repository: a candidate is looked up in the index.
    const taken = { has: (candidate: string) => index.matching([candidate]).some((p) => p.id === candidate) };
    const id = kind === "prospect" ? prospectId(pinyin, name, taken, index.highestProspectNumber).id : staffId(pinyin, name, taken);
    const entry: Record<string, unknown> = { id, name };
    if (kind === "staff") entry.position = position;
    if (tier !== null) entry.tier = tier;
    if (phone !== null) entry.phone = phone;
    if (kind === "prospect") {
      const source = sourceKind ?? (referrer !== null ? "staff_referral" : null);
      if (source !== null) entry.source = referrer === null ? { kind: source } : { kind: source, staff: referrer };
      entry.found = day;
    }
    if (note !== undefined) entry.notes = note;

    // The new text, from the very bytes read and checked above, validated with the rest of the repository.
    const before = bytes?.get(rel) ?? null;
    let text: string;
    try {
      text = appendEntries(before === null ? null : Buffer.from(before).toString("utf8"), fileKind, [entry]);
    } catch (error) {
      if (error instanceof EditError) throw new CliError(EXIT_DATA_ERRORS, "add.error.cannotEdit", { file: rel, reason: error.message });
      throw error;
    }
    const errors = await newBranchErrors(branchData, index, rel, fileKind, branch, text);
    if (errors.length > 0) {
      ctx.surroundings.stderr(renderDiagnosticsText({ findings: errors, errors: errors.length, warnings: 0, files: 1, filesWithErrors: new Set(errors.map((f) => f.file)) }, [], lang, ctx.style));
      throw new CliError(EXIT_DATA_ERRORS, "add.error.wouldNotValidate", { file: rel });
    }
    writeDataFile(ctx, write, path.join(root, "branches", branch, `${fileKind}.yaml`), rel, before, () => text);

    if (format === "json") emit(ctx, JSON.stringify({ id, kind, branch, file: rel, created: before === null, entry }, null, 2) + "\n", root);
    else emit(ctx, `${id}\n`, root);
    if (ctx.options.quiet !== true) {
      const said = t(lang, kind === "prospect" ? "add.added.prospect" : "add.added.staff", { name, id, file: rel }) + (before === null ? t(lang, "add.created") : "");
      ctx.surroundings.stderr(`channel: ${terminalLine(said)}\n`);
    }
    return EXIT_OK;
  }, ctx);
}

function checkKind(ctx: Context, value: string): AddKind {
  const v = value.trim();
  // The plural (the file's name) and the Chinese words are taken too: `add prospects`, `add 潜在客户`.
  const alias: Record<string, AddKind> = { prospects: "prospect", 潜在客户: "prospect", 客户: "prospect", 人员: "staff", 员工: "staff" };
  const kind = (ADD_KINDS as readonly string[]).includes(v) ? (v as AddKind) : alias[v];
  if (kind === undefined) throw usageError("add.error.badKind", { value, hint: didYouMean(ctx.lang, value, ADD_KINDS) });
  return kind;
}

/** An enum value as its code: the code itself or one of its Chinese names; anything else is refused with what is allowed. */
function checkEnum<C extends string>(
  ctx: Context,
  enumKind: "position" | "tier" | "source",
  value: string,
  codes: readonly C[],
  key: "add.error.badPosition" | "add.error.badTier" | "add.error.badSource",
): C {
  const code = enumCode(enumKind, value.trim());
  if ((codes as readonly string[]).includes(code)) return code as C;
  const names = Object.values(ENUM_NAMES[enumKind] as Record<string, readonly string[]>).flat();
  const allowed = describeAllowed(codes).join(ctx.lang === "zh" ? "、" : ", ");
  // A name typed short (大堂 for 大堂经理) is what was meant before any name a letter away (保安).
  const containing = names.filter((name) => value.trim() !== "" && name.includes(value.trim()));
  const hint = containing.length === 1 ? t(ctx.lang, "hint.didYouMean", { suggestion: containing[0]! }) : didYouMean(ctx.lang, value, [...codes, ...names]);
  throw usageError(key, { value, allowed, hint });
}
