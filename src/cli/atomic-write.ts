/**
 * Writing a file so that a reader (or a crash) sees either the old content or the new,
 * never a mix: write a temporary file beside the target, flush it, then rename over.
 */
import * as fs from "node:fs";
import * as path from "node:path";

export function writeFileAtomic(target: string, content: string | Uint8Array): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(temp, "wx", 0o644);
    fs.writeFileSync(fd, content);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(temp, target);
  } catch (error) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * Creates a file that must not exist yet, atomically: the content appears whole or not at
 * all, and an existing file (even one created a moment ago by someone else) is never replaced.
 * Returns false when the file already exists.
 */
export function createFileAtomic(target: string, content: string | Uint8Array): boolean {
  if (fs.existsSync(target)) return false;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  fs.writeFileSync(temp, content, { flag: "wx", mode: 0o644 });
  try {
    const fd = fs.openSync(temp, "r");
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fs.linkSync(temp, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}
