/**
 * Making a folder and its missing parents, one level at a time. Node's own recursive mkdir
 * retries for ever where a folder cannot be made and its parent exists (`/proc/x`: mkdir says
 * ENOENT there, issue 28); here that is an error like any other.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function makeFolders(dir: string, mode?: number): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; ) {
    if (fs.existsSync(at)) break;
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const folder of missing.reverse()) {
    try {
      fs.mkdirSync(folder, mode === undefined ? undefined : { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}
