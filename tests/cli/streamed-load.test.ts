/**
 * Issue 29: a cold rule command builds its model as the files are checked and lets each file's
 * bytes go once it is checked (pipeline.ts `letBytesGo`). A branch that the checks across files
 * make it build again is built from its files read again from disk: from the very bytes checked,
 * or not at all.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCoreData } from "../../src/cli/pipeline.js";
import { copyToTemp } from "../helpers/cli.js";
import { inProcessContext } from "../helpers/context.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** data-example with its cmb-shekou copied to a folder named last: every id of the copy is taken twice, so its folder is built again. */
function repositoryWithCopiedBranch(): { repo: string; copy: string } {
  const repo = copyToTemp();
  temps.push(repo);
  const copy = path.join(repo, "branches", "cmb-zz-copy");
  fs.cpSync(path.join(repo, "branches", "cmb-shekou"), copy, { recursive: true });
  return { repo, copy };
}

function context(repo: string, cache: boolean) {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-streamed-load-"));
  temps.push(cacheDir);
  return inProcessContext(repo, cache ? cacheDir : null);
}

describe("a cold load that lets each file's bytes go once checked", () => {
  it("builds the same model as a load that keeps them (--no-cache), the branch built again included", async () => {
    const { repo } = repositoryWithCopiedBranch();
    const letGo = await loadCoreData(context(repo, true));
    const kept = await loadCoreData(context(repo, false));
    expect(letGo.validation.filesWithErrors.has("branches/cmb-zz-copy/staff.yaml")).toBe(true);
    expect(letGo.model).toEqual(kept.model);
    expect(letGo.model.branches.find((b) => b.id === "cmb-shekou")?.staff.length).toBeGreaterThan(0);
  });

  it("refuses to build a branch again from a file changed since it was checked, naming the file", async () => {
    const { repo, copy } = repositoryWithCopiedBranch();
    const ctx = context(repo, true);
    let edited = false;
    // Every file has been read and checked by the time the count reaches the end; an editor saves one of the copy's files then.
    ctx.progress = (done, total) => {
      if (done === total && !edited) {
        fs.appendFileSync(path.join(copy, "staff.yaml"), "# 编辑器刚保存\n");
        edited = true;
      }
    };
    await expect(loadCoreData(ctx)).rejects.toMatchObject({ key: "load.changedWhileRead", params: { file: "branches/cmb-zz-copy/staff.yaml" } });
    expect(edited).toBe(true);
    // The extra part of the model, written as the branches were built, is not left half-written.
    const left = fs.readdirSync(ctx.cacheDir!, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".tmp"));
    expect(left).toEqual([]);
  });
});
