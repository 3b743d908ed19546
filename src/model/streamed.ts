/**
 * The model built branch by branch while the files' checks come in (issue 29): a cold rule
 * command at head-office scale held every file's value at once to build the model after the
 * check (some 600 MB at 2,000 branches, and V8 grows its heap in proportion to what is live).
 * Here a branch is built as soon as its folder's files (and the settings and departments) are
 * in, and their values are let go.
 *
 * Whether a file may be used is known for sure only after the rules across files have run: a
 * duplicate id in another branch makes a file unusable. So a branch is built on what each file's
 * own check said, and `finish` builds again, from values fetched anew, every branch one of whose
 * files the rules across files changed (the settings and departments: everything). The result is
 * the model `buildModel` makes of the same files (or its core: see `keep`); it changes the memory
 * only.
 */
import { LoadedFile, type RawFile } from "../load/repository.js";
import { compareText } from "../findings.js";
import { buildFolderBranch, buildTopLevel } from "./build.js";
import type { Branch, BranchCore, CoreModel, Model } from "./types.js";

/** A file of the scan as it came in: its value (undefined when it did not parse) and whether its own check found no error. */
interface Arrival {
  data: unknown;
  usable: boolean;
}

export class StreamedModel {
  /** The values of files whose folder is not built yet, by index in the scan. */
  private readonly waiting = new Map<number, Arrival>();
  /** Whether each file (by index) was taken as usable when its branch was built; undefined until it came in. */
  private readonly assumed: (boolean | undefined)[];
  /** Whether each file parsed. */
  private readonly parsed: boolean[];
  /** The indices of each branch folder's files; null for the files outside the folders. */
  private readonly folders = new Map<string | null, number[]>();
  /** How many files of each folder are still to come. */
  private readonly pending = new Map<string | null, number>();
  /** Folders all in before the settings and departments were. */
  private readonly ready: string[] = [];
  private top: Pick<Model, "settings" | "departments"> | null = null;
  /** Each built folder's branch (null: its branch.yaml is missing or not usable). */
  private readonly built = new Map<string, BranchCore | null>();

  /**
   * `keep` is given each branch as it is built (a folder built again gives its new branch too)
   * and returns what the model keeps of it: the caller may write it out and keep only the part
   * its command needs (the core, see CoreModel).
   */
  constructor(
    private readonly raws: readonly RawFile[],
    private readonly keep: (branch: Branch) => BranchCore = (branch) => branch,
  ) {
    this.assumed = new Array(raws.length);
    this.parsed = new Array(raws.length).fill(false);
    raws.forEach((raw, i) => {
      const indices = this.folders.get(raw.branchFolder);
      if (indices === undefined) this.folders.set(raw.branchFolder, [i]);
      else indices.push(i);
    });
    for (const [folder, indices] of this.folders) this.pending.set(folder, indices.length);
    if (!this.folders.has(null)) this.top = buildTopLevel([], () => false);
  }

  /** The check of file `index` is in: `data` its value (undefined when it did not parse), `usable` whether its own check found no error. */
  take(index: number, data: unknown, usable: boolean): void {
    const folder = this.raws[index]!.branchFolder;
    this.parsed[index] = data !== undefined;
    this.waiting.set(index, { data, usable: usable && data !== undefined });
    const left = this.pending.get(folder)! - 1;
    this.pending.set(folder, left);
    if (left > 0) return;
    if (folder === null) {
      this.top = this.buildTop((i) => this.waiting.get(i)!);
      for (const done of this.ready.splice(0)) this.buildFolder(done, (i) => this.waiting.get(i)!);
    } else if (this.top === null) this.ready.push(folder);
    else this.buildFolder(folder, (i) => this.waiting.get(i)!);
  }

  /**
   * The model once every file is in, with `filesWithErrors` as the rules across files left it;
   * `dataAgain` gives a file's value again for a branch to be built anew.
   */
  finish(filesWithErrors: ReadonlySet<string>, dataAgain: (index: number) => unknown): CoreModel {
    const usable = (i: number) => this.parsed[i]! && !filesWithErrors.has(this.raws[i]!.file);
    const changed = (i: number) => this.assumed[i] !== usable(i);
    const again = (i: number): Arrival => ({ data: this.parsed[i] ? dataAgain(i) : undefined, usable: usable(i) });
    const everything = (this.folders.get(null) ?? []).some(changed);
    if (everything) this.top = this.buildTop(again);
    for (const [folder, indices] of this.folders) {
      if (folder !== null && (everything || !this.built.has(folder) || indices.some(changed))) this.buildFolder(folder, again);
    }
    const branches = [...this.built.values()].filter((b): b is BranchCore => b !== null).sort((a, b) => compareText(a.id, b.id));
    return { ...this.top!, branches };
  }

  private buildTop(arrival: (index: number) => Arrival): Pick<Model, "settings" | "departments"> {
    const files = this.filesOf(null, arrival);
    const top = buildTopLevel(files.map((f) => f.file), (file) => files.find((f) => f.file === file)!.usable);
    for (const i of this.folders.get(null) ?? []) this.waiting.delete(i);
    return top;
  }

  private buildFolder(folder: string, arrival: (index: number) => Arrival): void {
    const files = this.filesOf(folder, arrival);
    const usable = new Map(files.map((f) => [f.file, f.usable]));
    const isUsable = (file: LoadedFile) => usable.get(file) === true;
    const branchFile = files.find((f) => f.file.kind === "branch" && f.usable)?.file;
    const branch = branchFile === undefined ? null : buildFolderBranch(branchFile, files.map((f) => f.file), this.top!.departments, isUsable);
    this.built.set(folder, branch === null ? null : this.keep(branch));
    for (const i of this.folders.get(folder)!) this.waiting.delete(i);
  }

  /** The folder's files as the builder reads them, each with whether it is taken as usable (recorded in `assumed`). */
  private filesOf(folder: string | null, arrival: (index: number) => Arrival): { file: LoadedFile; usable: boolean }[] {
    return this.folders.get(folder)!.map((i) => {
      const raw = this.raws[i]!;
      const { data, usable } = arrival(i);
      this.assumed[i] = usable;
      return { file: new LoadedFile(raw.file, raw.kind, raw.branchFolder, null, data, null), usable };
    });
  }
}
