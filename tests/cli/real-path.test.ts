/** Where a path really leads, for the write guards: symlinks resolved as the file system resolves them. */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { isInside, realPathOf } from "../../src/cli/real-path.js";
import { scratchFolders } from "../helpers/cli.js";

const scratch = scratchFolders("channel-realpath-");

describe("realPathOf", () => {
  it("resolves a path that does not exist yet through the symlinks of its existing part", () => {
    const dir = fs.realpathSync(scratch.dir());
    fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
    fs.symlinkSync(path.join(dir, "a", "b"), path.join(dir, "link"));
    expect(realPathOf(path.join(dir, "link", "new", "file.csv"))).toBe(path.join(dir, "a", "b", "new", "file.csv"));
  });

  it("goes up from where a symlink leads, not from the link, on `..` inside a link", () => {
    const dir = fs.realpathSync(scratch.dir());
    fs.mkdirSync(path.join(dir, "a", "b"), { recursive: true });
    fs.symlinkSync(path.join(dir, "a", "b"), path.join(dir, "link"));
    fs.symlinkSync("link/../x.csv", path.join(dir, "up"));
    expect(realPathOf(path.join(dir, "up"))).toBe(path.join(dir, "a", "x.csv"));
  });

  it("follows a dangling symlink to where it points", () => {
    const dir = fs.realpathSync(scratch.dir());
    fs.symlinkSync("elsewhere/missing.yaml", path.join(dir, "dangling"));
    expect(realPathOf(path.join(dir, "dangling"))).toBe(path.join(dir, "elsewhere", "missing.yaml"));
  });

  it("gives up on a symlink loop with ELOOP", () => {
    const dir = fs.realpathSync(scratch.dir());
    fs.symlinkSync("two", path.join(dir, "one"));
    fs.symlinkSync("one", path.join(dir, "two"));
    expect(() => realPathOf(path.join(dir, "one", "x"))).toThrow(expect.objectContaining({ code: "ELOOP" }));
  });
});

describe("isInside", () => {
  it("tells a folder's own contents from a sibling whose name starts the same", () => {
    expect(isInside("/r/repo", "/r/repo")).toBe(true);
    expect(isInside("/r/repo", "/r/repo/branches/x")).toBe(true);
    expect(isInside("/r/repo", "/r/repo-other/x")).toBe(false);
    expect(isInside("/r/repo", "/r/..repo")).toBe(false);
    expect(isInside("/r/repo", "/r/repo/..x")).toBe(true);
  });
});
