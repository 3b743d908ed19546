/**
 * Where a path really leads, for the guards that keep writes out of the repository's data (and
 * `init` inside its folder): a guard that compared the path as typed would be walked around by
 * any symlink on the way.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** As many symlinks as Linux follows before it gives up (ELOOP). */
const MAX_LINKS = 40;

/**
 * The real path of an absolute path, every symlink on the way resolved as the file system
 * would, including a path that does not exist yet: its existing part is resolved (a dangling
 * symlink leads to where it points), the rest appended. `..` after a symlink goes up from where
 * the link leads, not from the link (which is what `fs.realpathSync` cannot do for a path that
 * does not exist).
 */
export function realPathOf(absolute: string): string {
  const hops = { count: 0 };
  const { root } = path.parse(absolute);
  return follow(root, splitNames(absolute.slice(root.length)), hops);
}

/** Whether `inner` is `outer` or inside it; both real paths. */
export function isInside(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/** Walks `parts` from the real folder `from`, one name at a time. */
function follow(from: string, parts: readonly string[], hops: { count: number }): string {
  let current = from;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (part === "" || part === ".") continue;
    if (part === "..") {
      current = path.dirname(current);
      continue;
    }
    const next = path.join(current, part);
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(next);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Not there (yet): what follows cannot hold a symlink either.
      if (code === "ENOENT" || code === "ENOTDIR") return path.join(next, ...parts.slice(i + 1));
      throw error;
    }
    if (!stat.isSymbolicLink()) {
      current = next;
      continue;
    }
    if (++hops.count > MAX_LINKS) throw Object.assign(new Error(`too many symlinks: ${next}`), { code: "ELOOP" });
    const link = fs.readlinkSync(next);
    const start = path.isAbsolute(link) ? path.parse(link).root : current;
    current = follow(start, splitNames(link.slice(path.isAbsolute(link) ? start.length : 0)), hops);
  }
  return current;
}

/** The names of a path (on Windows either slash separates them; elsewhere a backslash is part of a name). */
function splitNames(rest: string): string[] {
  return rest.split(process.platform === "win32" ? /[\\/]/ : "/");
}
