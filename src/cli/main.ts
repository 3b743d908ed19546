/**
 * The command line: options, commands, and the one place where every error becomes an exit
 * code (0 fine, 1 problems in the data, 2 usage or a missing repository).
 */
import { Command, CommanderError, Option } from "commander";
import { t, type Lang } from "../i18n/catalog.js";
import { makeContext, processSurroundings, type Context, type GlobalOptions, type Surroundings } from "./context.js";
import { CliError, EXIT_OK, EXIT_USAGE } from "./errors.js";
import { runInit } from "./commands/init.js";
import { runValidate } from "./commands/validate.js";

export const VERSION = "0.1.0";

function buildProgram(surroundings: Surroundings, run: (action: (ctx: Context) => number, options: GlobalOptions) => void): Command {
  const program = new Command("channel")
    .description("channel — 银行渠道档案、校验、奖励、跟进与报表 / bank-channel archive, validation, bonus, follow-ups and reports")
    .version(VERSION, "-V, --version")
    .addOption(new Option("--data <dir>", "data repository root (default: the nearest folder up with channel.yaml) / 数据仓库目录"))
    .addOption(new Option("--as-of <date>", "the day to compute for, YYYY-MM-DD (default: today in the repository's timezone) / 计算日期"))
    .addOption(new Option("--format <format>", "output format: validate text|json; others table|json|csv|md / 输出格式"))
    .addOption(new Option("--out <file>", "write the output to a file instead of stdout / 输出到文件"))
    .addOption(new Option("--force", "with --out: overwrite an existing file / 覆盖已有文件"))
    .addOption(new Option("--lang <lang>", "zh or en (default: CHANNEL_LANG, then the locale) / 语言"))
    .addOption(new Option("--no-color", "no colour (also NO_COLOR) / 不用颜色"))
    .showHelpAfterError(false)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => surroundings.stdout(text),
      // Commander's own error text is replaced by ours (see the catch in `main`).
      writeErr: () => undefined,
    });

  program
    .command("validate")
    .description("check the data: every problem with file:line:col / 校验数据")
    .option("--strict", "treat warnings as errors / 警告也算错误")
    .action((options: { strict?: boolean }, command: Command) => run((ctx) => runValidate(ctx), { ...command.optsWithGlobals(), ...options }));

  program
    .command("init [dir]")
    .description("create a new data repository (never overwrites) / 新建数据仓库")
    .action((dir: string | undefined, _options: object, command: Command) => run((ctx) => runInit(ctx, dir), command.optsWithGlobals()));

  return program;
}

/** Runs the CLI and returns the exit code; never throws. */
export async function main(argv: string[], surroundings: Surroundings = processSurroundings()): Promise<number> {
  let exitCode = EXIT_OK;
  let lang: Lang = "en";
  const run = (action: (ctx: Context) => number, options: GlobalOptions): void => {
    const ctx = makeContext(options, surroundings);
    lang = ctx.lang;
    exitCode = action(ctx);
  };
  try {
    const program = buildProgram(surroundings, run);
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    return reportError(error, lang, surroundings);
  }
}

function reportError(error: unknown, lang: Lang, surroundings: Surroundings): number {
  if (error instanceof CommanderError) {
    // --help and --version end through here too, with exit code 0.
    if (error.exitCode === 0) return EXIT_OK;
    surroundings.stderr(`channel: ${t(lang, "error.usage", { detail: error.message.replace(/^error: /, "") })}\n`);
    return EXIT_USAGE;
  }
  if (error instanceof CliError) {
    surroundings.stderr(`channel: ${t(lang, error.key, error.params)}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? error.message : String(error);
  surroundings.stderr(`channel: ${t(lang, "error.internal", { detail })}\n`);
  if (surroundings.env.CHANNEL_DEBUG && error instanceof Error && error.stack) surroundings.stderr(error.stack + "\n");
  return EXIT_USAGE;
}
