/**
 * Help and usage errors in the user's language: commander's own words (Usage, Options,
 * `[options]`, its error sentences) replaced by the catalogue's, descriptions wrapped by
 * terminal columns (a Chinese character takes two, and Chinese has no spaces to wrap at), and
 * each command's help ending with examples.
 */
import { Help, type Command, type CommanderError, type HelpConfiguration } from "commander";
import { t, type Lang, type MessageKey } from "../i18n/catalog.js";
import { displayWidth, isWideCodePoint } from "../report/text-width.js";

const TITLES: Readonly<Record<string, MessageKey>> = {
  "Usage:": "help.title.usage",
  "Arguments:": "help.title.arguments",
  "Options:": "help.title.options",
  "Global Options:": "help.title.globalOptions",
  "Commands:": "help.title.commands",
};

/** Placeholder words of usage lines, option flags and arguments (`[options]`, `<dir>`, `[people...]`). */
const WORDS: Readonly<Record<string, MessageKey>> = {
  options: "help.word.options",
  command: "help.word.command",
  dir: "help.word.dir",
  date: "help.word.date",
  format: "help.word.format",
  file: "help.word.file",
  lang: "help.word.lang",
  id: "help.word.id",
  days: "help.word.days",
  name: "help.word.name",
  kind: "help.word.kind",
  text: "help.word.text",
  month: "help.word.month",
  people: "help.word.people",
  // Issue 25: show and add.
  target: "help.word.target",
  phone: "help.word.phone",
  position: "help.word.position",
  tier: "help.word.tier",
};

/** `<dir>` → `<目录>`, `[people...]` → `[人员...]`: the placeholders in `lang`. */
export function placeholders(lang: Lang, text: string): string {
  return text.replace(/([<[])([a-z]+)((?:\.\.\.)?[>\]])/g, (whole, open: string, word: string, close: string) => {
    const key = WORDS[word];
    return key === undefined ? whole : `${open}${t(lang, key)}${close}`;
  });
}

/** commander's help, in `lang` and wrapped by terminal columns. */
export function helpConfiguration(lang: Lang): HelpConfiguration {
  const base = Help.prototype;
  return {
    displayWidth: (text: string) => displayWidth(text.replace(/\x1b\[\d*(?:;\d*)*m/g, "")),
    styleTitle: (title: string) => (TITLES[title] === undefined ? title : t(lang, TITLES[title]!)),
    commandUsage(this: Help, cmd: Command) {
      return placeholders(lang, base.commandUsage.call(this, cmd));
    },
    subcommandTerm(this: Help, cmd: Command) {
      return placeholders(lang, base.subcommandTerm.call(this, cmd));
    },
    optionTerm: (option) => placeholders(lang, option.flags),
    argumentTerm: (argument) => placeholders(lang, argument.name()),
    // commander puts a space after the title; after a full-width colon (用法：) it is one too many.
    formatHelp(this: Help, cmd: Command, helper: Help) {
      return base.formatHelp.call(this, cmd, helper).replace(/^(\S+：) /, "$1");
    },
    boxWrap(this: Help, text: string, width: number) {
      return width < this.minWidthToWrap ? text : wrapColumns(text, width);
    },
  };
}

/**
 * Wraps text to `width` terminal columns: at spaces, next to a Chinese character and after the
 * `|` of a list of choices, never inside a Latin word, before closing punctuation or after
 * opening punctuation.
 */
export function wrapColumns(text: string, width: number): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    let current = "";
    let currentWidth = 0;
    for (const piece of breakablePieces(line)) {
      const pieceWidth = displayWidth(piece);
      if (currentWidth + pieceWidth > width && current.trim() !== "") {
        out.push(current.trimEnd());
        current = piece.trimStart();
        currentWidth = displayWidth(current);
      } else {
        current += piece;
        currentWidth += pieceWidth;
      }
    }
    out.push(current.trimEnd());
  }
  return out.join("\n");
}

/** Closing punctuation, which never begins a line, and opening punctuation, which never ends one. */
const NO_BREAK_BEFORE = new Set([..."，。、；：！？）》」』】,.;:!?)]}>"]);
const NO_BREAK_AFTER = new Set([..."（《「『【([{<"]);

/**
 * The line in pieces that a line break may come between: a Latin word with the spaces before
 * it (or one choice of `a|b|c`), or one wide (Chinese) character.
 */
function breakablePieces(line: string): string[] {
  const pieces: string[] = [];
  let current = "";
  let previous = "";
  for (const ch of line) {
    const wide = (c: string) => c !== "" && isWideCodePoint(c.codePointAt(0)!);
    const breakBefore = current !== "" && previous !== " " && !NO_BREAK_BEFORE.has(ch) && !NO_BREAK_AFTER.has(previous) && (ch === " " || wide(ch) || wide(previous) || previous === "|");
    if (breakBefore) {
      pieces.push(current);
      current = "";
    }
    current += ch;
    previous = ch;
  }
  if (current !== "") pieces.push(current);
  return pieces;
}

/** The examples that end a command's help (`key`: the command's path, `report.monthly`). */
export function examplesText(lang: Lang, key: MessageKey): string {
  return `\n${t(lang, "help.title.examples")}\n${t(lang, key)}\n`;
}

/**
 * commander's usage error in `lang`, or null when its message is not one of those known (then
 * the caller shows commander's own). `program` names the command line in the message.
 */
export function commanderErrorText(error: CommanderError, lang: Lang, commandPath: string): string | null {
  const hint = (suggestion: string | undefined) => (suggestion === undefined ? "" : t(lang, "hint.didYouMean", { suggestion }));
  const match = (pattern: RegExp) => pattern.exec(error.message);
  switch (error.code) {
    case "commander.unknownCommand": {
      const m = match(/^error: unknown command '(.*)'(?:\n\(Did you mean (.*)\?\))?$/s);
      return m && t(lang, "help.error.unknownCommand", { name: m[1], hint: hint(m[2]) });
    }
    case "commander.unknownOption": {
      const m = match(/^error: unknown option '(.*)'(?:\n\(Did you mean (.*)\?\))?$/s);
      return m && t(lang, "help.error.unknownOption", { name: m[1], hint: hint(m[2]), command: commandPath });
    }
    case "commander.missingArgument": {
      const m = match(/^error: missing required argument '(.*)'$/s);
      return m && t(lang, "help.error.missingArgument", { name: placeholderWord(lang, m[1]!), command: commandPath });
    }
    case "commander.optionMissingArgument": {
      const m = match(/^error: option '(.*)' argument missing$/s);
      return m && t(lang, "help.error.optionMissingArgument", { name: placeholders(lang, m[1]!) });
    }
    case "commander.missingMandatoryOptionValue": {
      const m = match(/^error: required option '(.*)' not specified$/s);
      return m && t(lang, "help.error.missingMandatoryOption", { name: placeholders(lang, m[1]!), command: commandPath });
    }
    case "commander.excessArguments": {
      const m = match(/^error: too many arguments(?: for '.*')?\. Expected (\d+) arguments? but got (\d+)\.$/s);
      return m && t(lang, "help.error.excessArguments", { expected: m[1], got: m[2], command: commandPath });
    }
    default:
      return null;
  }
}

function placeholderWord(lang: Lang, word: string): string {
  const key = WORDS[word];
  return key === undefined ? word : t(lang, key);
}
