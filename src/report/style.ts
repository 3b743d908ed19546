/**
 * Colour for terminal output. The CLI decides whether colour is on (a TTY, no NO_COLOR, no
 * --no-color); renderers only ask for a style, so with colour off they emit plain text.
 */
import { Chalk } from "chalk";

export interface Style {
  error(text: string): string;
  warning(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
  good(text: string): string;
}

export function makeStyle(color: boolean): Style {
  const chalk = new Chalk({ level: color ? 1 : 0 });
  return {
    error: (s) => chalk.red(s),
    warning: (s) => chalk.yellow(s),
    dim: (s) => chalk.dim(s),
    bold: (s) => chalk.bold(s),
    accent: (s) => chalk.cyan(s),
    good: (s) => chalk.green(s),
  };
}

export const PLAIN: Style = makeStyle(false);
