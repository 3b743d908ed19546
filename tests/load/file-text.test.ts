import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { digestBytes } from "../../src/load/cache.js";
import { textIfUnchanged } from "../../src/load/file-text.js";

describe("textIfUnchanged (a checked file's text, read again when a finding quotes it)", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const fileWith = (text: string) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-file-text-"));
    dirs.push(dir);
    const file = path.join(dir, "staff.yaml");
    fs.writeFileSync(file, text);
    return { file, digest: digestBytes(Buffer.from(text, "utf8")) };
  };

  it("gives the text while the bytes are those checked, and reads it only when asked", () => {
    const { file, digest } = fileWith("staff:\n  - id: wang-fang\n    name: 王芳\n");
    const text = textIfUnchanged(file, digest);
    fs.writeFileSync(file, "staff:\n  - id: wang-fang\n    name: 王芳\n");
    expect(text()).toBe("staff:\n  - id: wang-fang\n    name: 王芳\n");
  });

  it("gives nothing once the file has changed, or is gone, or is not UTF-8: no line of other bytes is quoted", () => {
    const changed = fileWith("staff: []\n");
    const text = textIfUnchanged(changed.file, changed.digest);
    fs.writeFileSync(changed.file, "staff: [] # edited\n");
    expect(text()).toBeNull();

    const gone = fileWith("staff: []\n");
    fs.rmSync(gone.file);
    expect(textIfUnchanged(gone.file, gone.digest)()).toBeNull();

    const latin1 = fileWith("");
    fs.writeFileSync(latin1.file, Buffer.from([0x6e, 0xe9, 0x0a]));
    expect(textIfUnchanged(latin1.file, digestBytes(Buffer.from([0x6e, 0xe9, 0x0a])))()).toBeNull();
  });
});
