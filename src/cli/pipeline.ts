/**
 * The shared first half of every command that reads data: find the root, load, validate,
 * and build the model from the files without errors.
 */
import { loadRepository, type LoadedRepository } from "../load/repository.js";
import { buildModel } from "../model/build.js";
import type { Model } from "../model/types.js";
import { validateRepository, type ValidationResult } from "../validate/index.js";
import { resolveRoot, type Context } from "./context.js";

export interface LoadedData {
  root: string;
  repo: LoadedRepository;
  validation: ValidationResult;
  model: Model;
  /** Files the model leaves out because they have errors. */
  skipped: string[];
}

export function loadData(ctx: Context, options: { strict?: boolean } = {}): LoadedData {
  const root = resolveRoot(ctx);
  const repo = loadRepository(root);
  const validation = validateRepository(repo, options);
  const { model, skipped } = buildModel(repo, validation.filesWithErrors);
  return { root, repo, validation, model, skipped };
}
