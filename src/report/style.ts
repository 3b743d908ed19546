/**
 * Colour for terminal output. The CLI decides whether colour is on (a TTY, no NO_COLOR, no
 * --no-color); renderers only ask for a style, so with colour off they emit plain text.
 * chalk is imported only when colour is on: output to a pipe or a file (every scheduled run)
 * never pays for loading it and the terminal modules it brings.
 */

export interface Style {
  error(text: string): string;
  warning(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  accent(text: string): string;
  good(text: string): string;
}

const asIs = (text: string): string => text;

/** No colour: every style leaves the text as it is. */
export const PLAIN: Style = { error: asIs, warning: asIs, dim: asIs, bold: asIs, accent: asIs, good: asIs };

/** The styles with colour (16 colours, which every terminal shows). */
export async function loadColorStyle(): Promise<Style> {
  const { Chalk } = await import("chalk");
  const chalk = new Chalk({ level: 1 });
  return {
    error: (s) => chalk.red(s),
    warning: (s) => chalk.yellow(s),
    dim: (s) => chalk.dim(s),
    bold: (s) => chalk.bold(s),
    accent: (s) => chalk.cyan(s),
    good: (s) => chalk.green(s),
  };
}
