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
import { RACY_MS } from "../../src/cli/file-identities.js";
import { loadCoreData, loadValidation } from "../../src/cli/pipeline.js";
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

function context(repo: string, cache: boolean | string) {
  const cacheDir = typeof cache === "string" ? cache : fs.mkdtempSync(path.join(os.tmpdir(), "channel-streamed-load-"));
  temps.push(cacheDir);
  return inProcessContext(repo, cache === false ? null : cacheDir);
}

/**
 * Every file has been read and checked by the time the count reaches the end; an editor saves
 * one of the copy's files then: the load refuses to build the copy again, naming the file.
 */
async function expectRefusedWhenEditedAtTheEnd(ctx: ReturnType<typeof context>, copy: string): Promise<void> {
  let edited = false;
  ctx.progress = (done, total) => {
    if (done === total && !edited) {
      fs.appendFileSync(path.join(copy, "staff.yaml"), "# 编辑器刚保存\n");
      edited = true;
    }
  };
  await expect(loadCoreData(ctx)).rejects.toMatchObject({ key: "load.changedWhileRead", params: { file: "branches/cmb-zz-copy/staff.yaml" } });
  expect(edited).toBe(true);
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
    await expectRefusedWhenEditedAtTheEnd(ctx, copy);
    // The extra part of the model, written as the branches were built, is not left half-written.
    const left = fs.readdirSync(ctx.cacheDir!, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".tmp"));
    expect(left).toEqual([]);
  });
});

/**
 * Issue 29: right after validate (every file's check cached, the model not), a rule command
 * takes each cached value into its branch and lets it go as it does a checked file's, rather
 * than hold the whole repository's values beside the model to the end.
 */
describe("a load right after validate, the files' checks cached and the model not", () => {
  /**
   * Validated; `settled`: after the files' times are RACY_MS old, so that the next scan takes
   * them as the cache knows them and leaves them unread (a value let go is then read from disk).
   */
  async function validated(repo: string, settled = false): Promise<ReturnType<typeof context>> {
    if (settled) await new Promise((resolve) => setTimeout(resolve, RACY_MS + 100));
    const ctx = context(repo, true);
    expect((await loadValidation(ctx)).validation.files).toBeGreaterThan(0);
    return context(repo, ctx.cacheDir!);
  }

  it("builds the same model as --no-cache, the branch built again included, and keeps no file's value", async () => {
    const { repo } = repositoryWithCopiedBranch();
    const afterValidate = await loadCoreData(await validated(repo));
    const kept = await loadCoreData(context(repo, false));
    expect(afterValidate.validation).toEqual(kept.validation);
    expect(afterValidate.model).toEqual(kept.model);
    expect(afterValidate.model.branches.find((b) => b.id === "cmb-shekou")?.staff.length).toBeGreaterThan(0);
    const staff = afterValidate.repo.files.find((f) => f.file === "branches/cmb-shekou/staff.yaml");
    expect(staff?.data).toBeUndefined();
  });

  it("refuses to build a branch again from a file changed after validate checked it, naming the file", async () => {
    const { repo, copy } = repositoryWithCopiedBranch();
    await expectRefusedWhenEditedAtTheEnd(await validated(repo, true), copy);
  });

  it("with a file changed since validate, keeps the cached values to write the files' list again whole: a later load builds the same model from it", async () => {
    const { repo } = repositoryWithCopiedBranch();
    const ctx = await validated(repo);
    fs.appendFileSync(path.join(repo, "branches", "cmb-shekou", "activities.yaml"), "# 改过\n");
    const changed = await loadCoreData(ctx);
    // The cached model goes: the next load builds it from the files' list the last one wrote.
    const models = fs.readdirSync(ctx.cacheDir!, { recursive: true, encoding: "utf8" }).filter((name) => /^model/.test(path.basename(name)));
    expect(models.length).toBeGreaterThan(0);
    for (const name of models) fs.rmSync(path.join(ctx.cacheDir!, name));
    const again = await loadCoreData(context(repo, ctx.cacheDir!));
    const kept = await loadCoreData(context(repo, false));
    expect(changed.model).toEqual(kept.model);
    expect(again.model).toEqual(kept.model);
    expect(again.validation).toEqual(kept.validation);
  });
});
