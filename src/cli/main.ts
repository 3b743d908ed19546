/**
 * The command line: options, commands, and the one place where every error becomes an exit
 * code (0 fine, 1 problems in the data, 2 usage or a missing repository).
 */
import { Command, CommanderError, Option } from "commander";
import { chooseLang, t, type Lang, type MessageKey } from "../i18n/catalog.js";
import { makeContext, processSurroundings, resolveLang, wantsColor, type Context, type GlobalOptions, type RepositoryLanguages, type Surroundings } from "./context.js";
import { loadColorStyle, PLAIN } from "../report/style.js";
import { terminalText } from "../report/untrusted-text.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "./errors.js";
import { restoreHeapGrowth } from "./heap-growth.js";
import { commanderErrorText, examplesText, helpConfiguration } from "./help.js";
import { parseDayOption, parseMonthOption } from "./date-options.js";
import { VERSION } from "../version.js";
import { describeFollowupKinds, runFollowups, type FollowupsOptions } from "./commands/followups.js";
import type { LogOptions } from "./commands/log.js";
import type { MonthlyOptions } from "./commands/report.js";
import type { ImportOptions } from "./commands/import.js";
import type { ExportOptions } from "./commands/export.js";
import type { ServeOptions } from "./commands/serve.js";
import { ACTIVITY_KINDS } from "../model/types.js";
import { DONE_KINDS } from "../rules/followup-kinds.js";
import { IMPORT_KINDS } from "../import/kinds.js";
import { EXPORT_KINDS } from "../export/kinds.js";
import type { ShowOptions } from "./commands/show.js";
import { SOURCE_KINDS, type AddOptions } from "./commands/add-kinds.js";
import { GREET_GROUPS } from "../model/holidays.js";

export { VERSION } from "../version.js";

/**
 * Runs a command's action with the context made from its options. The morning list
 * (followups) is part of the command line itself; the other commands are imported when they
 * run (commands/readers.ts, commands/writers.ts), so start-up loads only what is used.
 */
export type Runner = (action: (ctx: Context) => number | Promise<number>, options: GlobalOptions) => void | Promise<void>;

/**
 * The command line. With `only`, the one command the arguments name is built and the others
 * are left out: building all eighteen with their help texts is ~5 ms of every start (issue 28),
 * and a run uses one. Help, a mistyped command and `--version` build them all.
 */
function buildProgram(lang: Lang, surroundings: Surroundings, run: Runner, only: string | null = null): Command {
  const h = (key: MessageKey) => t(lang, key);
  const define = (name: string, build: () => void) => {
    if (only === null || only === name) build();
  };
  const program = new Command("channel")
    .description(h("cli.description"))
    .addHelpText("after", examplesText(lang, "help.examples.channel"))
    .version(VERSION, "-V, --version", h("help.version"))
    .helpOption("-h, --help", h("help.help"))
    .addOption(new Option("--data <dir>", h("help.data")))
    .addOption(new Option("--as-of <date>", h("help.asOf")).argParser((value) => parseDayOption("--as-of", value)))
    .addOption(new Option("--format <format>", h("help.format")))
    .addOption(new Option("--out <file>", h("help.out")))
    .addOption(new Option("--force", h("help.force")))
    .addOption(new Option("--lang <lang>", h("help.lang")))
    .addOption(new Option("--no-color", h("help.noColor")))
    .addOption(new Option("--no-cache", h("help.noCache")))
    .addOption(new Option("-q, --quiet", h("help.quiet")))
    .helpCommand("help [command]", h("help.helpCommand"))
    .configureHelp(helpConfiguration(lang))
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => surroundings.stdout(text),
      // Help shown for a usage mistake (bare `channel`) goes to stderr ...
      writeErr: (text) => surroundings.stderr(text),
      // ... but commander's own error sentences are replaced by ours (see the catch in `main`).
      outputError: () => undefined,
    });

  define("validate", () => {
    program
      .command("validate")
      .description(h("help.validate"))
      .addHelpText("after", examplesText(lang, "help.examples.validate"))
      .option("--strict", h("help.strict"))
      .action((options: { strict?: boolean }, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runValidate(ctx), { ...command.optsWithGlobals(), ...options }));
  });

  define("bonus", () => {
    program
      .command("bonus")
      .description(h("bonus.help"))
      .addHelpText("after", examplesText(lang, "help.examples.bonus"))
      .option("--department <id>", h("bonus.help.department"))
      .option("--as-recorded", h("money.help.asRecorded"))
      .action((options: { department?: string; asRecorded?: boolean }, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runBonus(ctx, options), command.optsWithGlobals()));
  });

  define("expenses", () => {
    program
      .command("expenses")
      .description(h("expenses.help"))
      .addHelpText("after", examplesText(lang, "help.examples.expenses"))
      .option("--as-recorded", h("money.help.asRecorded"))
      .action((options: { asRecorded?: boolean }, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runExpenses(ctx, options), command.optsWithGlobals()));
  });

  define("audit", () => {
    program
      .command("audit")
      .description(h("audit.help"))
      .addHelpText("after", examplesText(lang, "help.examples.audit"))
      .action((_options: object, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runAudit(ctx), command.optsWithGlobals()));
  });

  define("followups", () => {
    program
      .command("followups")
      .description(h("followups.help.command"))
      .addHelpText("after", examplesText(lang, "help.examples.followups"))
      .option("--within <days>", h("followups.help.within"))
      .option("--owner <name>", h("followups.help.owner"))
      .option("--department <id>", h("followups.help.department"))
      .option("--branch <id>", h("followups.help.branch"))
      .option("--kind <kind>", t(lang, "followups.help.kind", { kinds: describeFollowupKinds() }), (value: string, previous: string[] | undefined) => [...(previous ?? []), value])
      .option("--ics <file>", h("followups.help.ics"))
      .action((options: FollowupsOptions, command: Command) => run(async (ctx) => runFollowups(ctx, options), command.optsWithGlobals()));
  });

  define("log", () => {
    program
      .command("log")
      .description(h("log.help.command"))
      .addHelpText("after", examplesText(lang, "help.examples.log"))
      .argument("[people...]", h("log.help.people"))
      .option("--kind <kind>", t(lang, "log.help.kind", { kinds: ACTIVITY_KINDS.join("|") }))
      .option("--note <text>", h("log.help.note"))
      .option("--date <date>", h("log.help.date"), (value: string) => parseDayOption("--date", value))
      .option("--by <name>", h("log.help.by"))
      .option("--branch <id>", h("log.help.branch"))
      .option("--done <kind...>", t(lang, "log.help.done", { kinds: DONE_KINDS.join("|") }))
      .option("--next <date>", h("log.help.next"), (value: string) => parseDayOption("--next", value))
      .option("--plan", h("log.help.plan"))
      .option("--to <group>", t(lang, "log.help.to", { groups: GREET_GROUPS.join("|") }))
      .action((people: string[], options: LogOptions, command: Command) => run(async (ctx) => (await import("./commands/writers.js")).runLog(ctx, people, options), command.optsWithGlobals()));
  });

  define("report", () => {
    const report = program
      .command("report")
      .description(h("report.help"))
      .addHelpText("after", examplesText(lang, "help.examples.report"))
      // Without a subcommand: the report's help on stderr and a usage error, not a bare "(outputHelp)".
      .action(() => {
        surroundings.stderr(report.helpInformation());
        throw new CliError(EXIT_USAGE, "report.error.subcommand");
      });
    report
      .command("monthly")
      .description(h("report.help.monthly"))
      .addHelpText("after", examplesText(lang, "help.examples.report.monthly"))
      .requiredOption("--branch <id>", h("report.help.branch"))
      .requiredOption("--month <month>", h("report.help.month"), (value: string) => parseMonthOption("--month", value))
      .option("--audience <audience>", h("report.help.audience"))
      .option("--no-redact", h("report.help.noRedact"))
      .action((options: MonthlyOptions, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runReportMonthly(ctx, options), command.optsWithGlobals()));
    report
      .command("summary")
      .description(h("report.help.summary"))
      .addHelpText("after", examplesText(lang, "help.examples.report.summary"))
      .action((_options: object, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runReportSummary(ctx), command.optsWithGlobals()));
  });

  define("coverage", () => {
    program
      .command("coverage")
      .description(h("coverage.help"))
      .addHelpText("after", examplesText(lang, "help.examples.coverage"))
      .option("--branch <id>", h("coverage.help.branch"))
      .action((options: { branch?: string }, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runCoverage(ctx, options), command.optsWithGlobals()));
  });

  define("import", () => {
    program
      .command("import")
      .description(h("import.help"))
      .addHelpText("after", examplesText(lang, "help.examples.import"))
      .argument("<kind>", t(lang, "import.help.kind", { kinds: IMPORT_KINDS.join("|") }))
      .requiredOption("--branch <id>", h("import.help.branch"))
      .requiredOption("--from <file>", h("import.help.from"))
      .option("--sheet <name>", h("import.help.sheet"))
      .option("--map <file>", h("import.help.map"))
      .option("--apply", h("import.help.apply"))
      .option("--update", h("import.help.update"))
      .action((kind: string, options: ImportOptions, command: Command) => run(async (ctx) => (await import("./commands/writers.js")).runImport(ctx, kind, options), command.optsWithGlobals()));
  });

  define("export", () => {
    program
      .command("export")
      .description(h("export.help"))
      .addHelpText("after", examplesText(lang, "help.examples.export"))
      .argument("<kind>", t(lang, "export.help.kind", { kinds: EXPORT_KINDS.join("|") }))
      .option("--branch <id>", h("export.help.branch"))
      .option("--department <id>", h("export.help.department"))
      .option("--redact", h("export.help.redact"))
      .action((kind: string, options: ExportOptions, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runExport(ctx, kind, options), command.optsWithGlobals()));
  });

  define("hook", () => {
    const hook = program
      .command("hook")
      .description(h("hook.help"))
      .addHelpText("after", examplesText(lang, "help.examples.hook"))
      .action(() => {
        surroundings.stderr(hook.helpInformation());
        throw new CliError(EXIT_USAGE, "hook.error.subcommand");
      });
    hook
      .command("install")
      .description(h("hook.help.install"))
      .addHelpText("after", examplesText(lang, "help.examples.hook"))
      .action((_options: object, command: Command) => run(async (ctx) => (await import("./commands/writers.js")).runHookInstall(ctx), command.optsWithGlobals()));

    // Issue 25: the card before a visit, and quick capture.
  });

  define("show", () => {
    program
      .command("show")
      .description(h("show.help.command"))
      .addHelpText("after", examplesText(lang, "help.examples.show"))
      .argument("<target>", h("show.help.target"))
      .option("--branch <id>", h("show.help.branch"))
      .option("--redact", h("show.help.redact"))
      .action((target: string, options: ShowOptions, command: Command) => run(async (ctx) => (await import("./commands/readers.js")).runShow(ctx, target, options), command.optsWithGlobals()));
  });

  define("add", () => {
    program
      .command("add")
      .description(h("add.help.command"))
      .addHelpText("after", examplesText(lang, "help.examples.add"))
      .argument("<kind>", h("add.help.kind"))
      .argument("<name>", h("add.help.name"))
      .requiredOption("--branch <id>", h("add.help.branch"))
      .option("--phone <phone>", h("add.help.phone"))
      .option("--position <position>", h("add.help.position"))
      .option("--tier <tier>", h("add.help.tier"))
      .option("--source <kind>", t(lang, "add.help.source", { kinds: SOURCE_KINDS.join("|") }))
      .option("--staff <id>", h("add.help.staff"))
      .option("--note <text>", h("add.help.note"))
      .action((kind: string, name: string, options: AddOptions, command: Command) => run(async (ctx) => (await import("./commands/writers.js")).runAdd(ctx, kind, name, options), command.optsWithGlobals()));
  });

  define("merge-driver", () => {
    // issue 26: the git merge driver (git runs it; registered by init and hook install)
    program
      // Not in the help: git runs it, nobody types it.
      .command("merge-driver", { hidden: true })
      .description(h("merge.help"))
      .argument("<base>")
      .argument("<ours>")
      .argument("<theirs>")
      .argument("[path]")
      .action((base: string, ours: string, theirs: string, file: string | undefined, _options: object, command: Command) => run(async (ctx) => (await import("./commands/writers.js")).runMergeDriver(ctx, base, ours, theirs, file), command.optsWithGlobals()));
  });

  define("init", () => {
    program
      .command("init [dir]")
      .description(h("help.init"))
      .addHelpText("after", examplesText(lang, "help.examples.init"))
      .action((dir: string | undefined, _options: object, command: Command) => run(async (ctx) => (await import("./commands/writers.js")).runInit(ctx, dir), command.optsWithGlobals()));
  });

  // issue 27: channel serve
  define("serve", () => {
    program
      .command("serve")
      .description(h("serve.help"))
      .addHelpText("after", examplesText(lang, "help.examples.serve"))
      .option("--port <n>", h("serve.help.port"))
      .option("--host <address>", h("serve.help.host"))
      .option("--open", h("serve.help.open"))
      .option("--no-redact", h("serve.help.noRedact"))
      .action((options: ServeOptions, command: Command) => run(async (ctx) => (await import("./commands/serve.js")).runServe(ctx, options), command.optsWithGlobals()));
  });

  return program;
}

/** The global options that take a value: their value is not the command's name. */
const GLOBAL_VALUE_OPTIONS: ReadonlySet<string> = new Set(["--data", "--as-of", "--format", "--out", "--lang"]);

/**
 * The word that names the command (the first that is neither an option nor a global option's
 * value), or null. Only a guess to build less: when no command has that name, every command is
 * built and commander decides, as before.
 */
function commandWordOf(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") return null;
    if (!arg.startsWith("-")) return arg;
    if (GLOBAL_VALUE_OPTIONS.has(arg)) i++;
  }
  return null;
}

/** The language for help and early errors, before commander has parsed anything. */
function languageFromArgv(argv: string[], surroundings: Surroundings, repositoryLanguages: RepositoryLanguages): Lang {
  const data = optionFromArgv(argv, "--data");
  // A --lang that is neither zh nor en: the error about it in the language chosen without it.
  return resolveLang(optionFromArgv(argv, "--lang"), data, surroundings, repositoryLanguages) ?? resolveLang(undefined, data, surroundings, repositoryLanguages) ?? "en";
}

/** The last value given to a global option (`--name value` or `--name=value`), as commander will take it. */
function optionFromArgv(argv: string[], name: string): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === name) value = argv[i + 1];
    else if (arg.startsWith(`${name}=`)) value = arg.slice(name.length + 1);
  });
  return value;
}

/** The command the arguments name (`channel report monthly`), for usage errors: its subcommands' names in order. */
function commandPathOf(program: Command, argv: string[]): string {
  const names = [program.name()];
  let command = program;
  for (const arg of argv) {
    const sub = command.commands.find((c) => c.name() === arg);
    if (sub === undefined) continue;
    names.push(sub.name());
    command = sub;
  }
  return names.join(" ");
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], surroundings: Surroundings = processSurroundings()): Promise<number> {
  let exitCode = EXIT_OK;
  const repositoryLanguages: RepositoryLanguages = new Map();
  let lang: Lang = languageFromArgv(argv, surroundings, repositoryLanguages);
  // A --lang that is neither zh nor en is a usage error before anything runs, --help and
  // --version included: help in a language not asked for would hide the typo.
  const langFlag = optionFromArgv(argv, "--lang");
  if (langFlag !== undefined && chooseLang(langFlag, {}) === null) {
    return reportError(new CliError(EXIT_USAGE, "error.badLang", { value: langFlag }), lang, surroundings);
  }
  const run: Runner = async (action, options) => {
    const ctx = makeContext(options, surroundings, wantsColor(options, surroundings) ? await loadColorStyle() : PLAIN, repositoryLanguages);
    lang = ctx.lang;
    try {
      exitCode = await action(ctx);
    } finally {
      restoreHeapGrowth();
    }
  };
  let program: Command | null = null;
  try {
    const word = commandWordOf(argv);
    program = buildProgram(lang, surroundings, run, word);
    if (word !== null && !program.commands.some((command) => command.name() === word)) program = buildProgram(lang, surroundings, run);
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, lang, surroundings, program === null ? "channel" : commandPathOf(program, argv));
  }
}

function reportError(error: unknown, lang: Lang, surroundings: Surroundings, commandPath = "channel"): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    if (error.exitCode === 0) return EXIT_OK;
    // Bare `channel`: the help has been printed to stderr; that is the whole message.
    if (error.code === "commander.help") return EXIT_USAGE;
    // Messages quote what was typed and what the repository holds (folder names): shown safely.
    // commander's sentence only when ours does not know it (a newer commander's wording).
    const detail = commanderErrorText(error, lang, commandPath) ?? error.message.replace(/^error: /, "");
    surroundings.stderr(`channel: ${terminalText(t(lang, "error.usage", { detail }))}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    surroundings.stderr(`channel: ${terminalText(t(lang, error.key, error.params))}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? error.message : String(error);
  surroundings.stderr(`channel: ${terminalText(t(lang, "error.internal", { detail }))}\n`);
  if (surroundings.env.CHANNEL_DEBUG && error instanceof Error && error.stack) surroundings.stderr(error.stack + "\n");
  return EXIT_USAGE;
}
