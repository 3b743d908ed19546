/**
 * issue 29: the cached model in two parts, its core (what followups, bonus and expenses read)
 * and its extra fields (archives, sections, KPIs, competitors, referrals). A warm run of a core
 * command reads only the first; a whole-model command reads both and gets the model a cold run
 * builds; a missing or mismatched extra part is no cache, never a model without its extra fields.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadCoreData, loadData } from "../../src/cli/pipeline.js";
import { EXTRA_BRANCH_FIELDS, EXTRA_PROSPECT_FIELDS, EXTRA_STAFF_FIELDS, type CoreModel } from "../../src/model/types.js";
import { copyToTemp } from "../helpers/cli.js";
import { inProcessContext } from "../helpers/context.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

function setUp(): { repo: string; cacheDir: string } {
  const repo = copyToTemp();
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "channel-model-cache-"));
  temps.push(repo, cacheDir);
  return { repo, cacheDir };
}

const context = inProcessContext;

/** The one cache folder of the repository under `cacheDir`. */
function cacheFolder(cacheDir: string): string {
  const [folder] = fs.readdirSync(cacheDir);
  return path.join(cacheDir, folder!);
}

function hasExtraField(model: CoreModel): boolean {
  return model.branches.some(
    (branch) =>
      EXTRA_BRANCH_FIELDS.some((field) => field in branch) ||
      branch.staff.some((staff) => EXTRA_STAFF_FIELDS.some((field) => field in staff)) ||
      branch.prospects.some((prospect) => EXTRA_PROSPECT_FIELDS.some((field) => field in prospect)),
  );
}

describe("the cached model", () => {
  it("gives the whole model as built, and the core alone without reading the extra part", async () => {
    const { repo, cacheDir } = setUp();
    const built = (await loadData(context(repo, null))).model;
    expect(built.branches.some((b) => b.staff.some((s) => Object.keys(s.archive).length > 0))).toBe(true);
    await loadData(context(repo, cacheDir));
    expect(fs.readdirSync(cacheFolder(cacheDir)).sort()).toEqual(expect.arrayContaining(["model.json", "model-extra.json"]));

    const whole = (await loadData(context(repo, cacheDir))).model;
    expect(whole).toEqual(built);

    // The core alone: the extra part is not even opened.
    fs.rmSync(path.join(cacheFolder(cacheDir), "model-extra.json"));
    const core = (await loadCoreData(context(repo, cacheDir))).model;
    expect(hasExtraField(core)).toBe(false);
    expect(core.branches.map((b) => [b.id, b.staff.length, b.prospects.length, b.activities.length, b.sales.length])).toEqual(
      built.branches.map((b) => [b.id, b.staff.length, b.prospects.length, b.activities.length, b.sales.length]),
    );
    expect(core.branches[0]!.staff[0]).toEqual(withoutFields(built.branches[0]!.staff[0]!, EXTRA_STAFF_FIELDS));
    expect(core.branches[0]!.prospects[0]).toEqual(withoutFields(built.branches[0]!.prospects[0]!, EXTRA_PROSPECT_FIELDS));

    // Without its extra part the cached model is no cache for a whole-model command: rebuilt, whole.
    expect((await loadData(context(repo, cacheDir))).model).toEqual(built);
  });

  it("is rebuilt when the extra part belongs to another state of the data", async () => {
    const { repo, cacheDir } = setUp();
    await loadData(context(repo, cacheDir));
    const extra = path.join(cacheFolder(cacheDir), "model-extra.json");
    const before = fs.readFileSync(extra);
    const file = path.join(repo, "branches", "cmb-dongmen", "staff.yaml");
    // An archive field changes: the extra part's values, and the key.
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("family: 女儿在香港读大学", "family: 女儿在深圳读大学"));
    await loadData(context(repo, cacheDir));
    // The extra part of the earlier state, put back beside the new core: its key does not match.
    fs.writeFileSync(extra, before);
    const built = (await loadData(context(repo, null))).model;
    expect(JSON.stringify(built)).toContain("女儿在深圳读大学");
    expect((await loadData(context(repo, cacheDir))).model).toEqual(built);
  });
});

describe("a cold command that reads only the core", () => {
  it("keeps only the core, and writes the extra part as it builds: a whole-model command then reads the model a cold run builds", async () => {
    const { repo, cacheDir } = setUp();
    const built = (await loadData(context(repo, null))).model;
    const core = (await loadCoreData(context(repo, cacheDir))).model;
    expect(hasExtraField(core)).toBe(false);
    expect(core.branches.map((b) => b.id)).toEqual(built.branches.map((b) => b.id));
    expect(core.branches[0]!.staff[0]).toEqual(withoutFields(built.branches[0]!.staff[0]!, EXTRA_STAFF_FIELDS));
    expect(fs.readdirSync(cacheFolder(cacheDir)).sort()).toEqual(expect.arrayContaining(["model.json", "model-extra.json"]));
    expect(fs.readdirSync(cacheFolder(cacheDir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
    expect(hasExtraField((await loadCoreData(context(repo, cacheDir))).model)).toBe(false);
    expect((await loadData(context(repo, cacheDir))).model).toEqual(built);
  });

  it("writes a branch built again twice, and the model says which record is whose (every id of a copied branch taken twice)", async () => {
    const { repo, cacheDir } = setUp();
    fs.cpSync(path.join(repo, "branches", "cmb-shekou"), path.join(repo, "branches", "cmb-zz-copy"), { recursive: true });
    const built = (await loadData(context(repo, null))).model;
    await loadCoreData(context(repo, cacheDir));
    const extraFile = path.join(cacheFolder(cacheDir), "model-extra.json");
    // Lines: the file's header, the head, a record per branch built, the trailer.
    const extraRecords = fs.readFileSync(extraFile, "utf8").trimEnd().split("\n").length - 3;
    expect(extraRecords).toBeGreaterThan(built.branches.length);
    const before = fs.statSync(extraFile).ino;
    expect((await loadData(context(repo, cacheDir))).model).toEqual(built);
    // Read from the cache, not built again (which writes the model anew).
    expect(fs.statSync(extraFile).ino).toBe(before);
  });
});

function withoutFields(value: object, fields: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...value };
  for (const field of fields) delete copy[field];
  return copy;
}
