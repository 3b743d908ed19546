/**
 * Decoding and parsing the files `scanRepository` read. Kept apart from the scan because it
 * brings in both YAML parsers: a run answered from the cache never loads this module.
 */
import type { Document } from "yaml";
import type { Finding } from "../findings.js";
import { decodeUtf8Strict } from "./decode.js";
import { parseYaml, parseYamlFast } from "./parse-yaml.js";
import { LoadedFile, scanRepository, type FileKind, type LoadedRepository, type RawFile } from "./repository.js";
import { SourceText } from "./source-text.js";

/** The YAML document with positions of a file's text (made when a finding must be located). */
export function documentOf(text: string): Document.Parsed | null {
  return parseYaml(text).doc;
}

/** Reads and parses every file (no cache): what tests and simple callers use. */
export function loadRepository(rootDir: string): LoadedRepository {
  const scan = scanRepository(rootDir);
  const findings = [...scan.findings];
  const files = scan.raws.map((raw) => parseRawFile(raw, findings));
  return { root: scan.root, files, branchFolders: scan.branchFolders, findings };
}

/** Decodes and parses a file read by `scanRepository`; an unreadable one becomes a file without data. */
export function parseRawFile(raw: RawFile, findings: Finding[]): LoadedFile {
  if (raw.bytes === null) return new LoadedFile(raw.file, raw.kind, raw.branchFolder, null, undefined, null);
  return parseDataFile(raw.file, raw.kind, raw.branchFolder, raw.bytes, findings);
}

/** Decodes and parses one file's bytes; the disk-free half of reading, also used by tests. */
export function parseDataFile(rel: string, kind: FileKind, branchFolder: string | null, bytes: Uint8Array, findings: Finding[]): LoadedFile {
  const decoded = decodeUtf8Strict(bytes);
  if (!decoded.ok) {
    findings.push({ severity: "error", code: decoded.code, file: rel, line: decoded.line, column: decoded.column, path: "", length: 1, params: {} });
    return new LoadedFile(rel, kind, branchFolder, null, undefined, null);
  }
  const text = decoded.text;
  const fast = parseYamlFast(text);
  if (fast.ok) return new LoadedFile(rel, kind, branchFolder, text, fast.data, documentOf);

  const parsed = parseYaml(text);
  const source = new SourceText(text);
  for (const problem of parsed.problems) {
    const { line, column } = source.positionAt(problem.start);
    findings.push({
      severity: "error",
      code: problem.code,
      file: rel,
      line,
      column,
      path: "",
      length: source.spanLength(problem.start, problem.end),
      params: problem.params,
    });
  }
  return new LoadedFile(rel, kind, branchFolder, text, parsed.data, parsed.doc);
}

