#!/usr/bin/env node
// Asks the real Red Hat YAML language server (the engine of VS Code's YAML extension) what an
// editor shows for a staff.yaml with our schemas: completion at a `position:` value and hover
// on a position. Prints what it got and fails unless completion offers the codes and the
// Chinese names with "code — 名 / label" beside them, and hover lists them.
//
//   node scripts/check-yaml-language-server.mjs [path/to/yaml-language-server/bin/yaml-language-server]
//
// The server is not a dependency of channel: give its bin as the argument or in
// YAML_LANGUAGE_SERVER, or install it beside the project without saving it
// (`npm install --no-save yaml-language-server@1.25.0`; 2.x wants Node 22). Skips (exit 0)
// with a message when there is none.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findServer, NO_SERVER, serverVersionOf, startServer } from "./yaml-language-server-client.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

const server = findServer(process.argv[2]);
if (server === null) {
  console.log(NO_SERVER);
  process.exit(0);
}
const serverVersion = serverVersionOf(server);

const dir = mkdtempSync(path.join(tmpdir(), "channel-yls-"));
const STAFF = "staff:\n  - id: wang-fang\n    name: 王芳\n    position: lobby_manager\n  - id: li-na\n    name: 李娜\n    position: \n";
const staffFile = path.join(dir, "branches", "b1", "staff.yaml");
const staffUri = pathToFileURL(staffFile).href;
const schemaUri = pathToFileURL(path.join(root, "schemas", "staff.schema.json")).href;

// The server validates an opened document once it has its schema: asking before that gets nothing.
let validated;
const firstDiagnostics = new Promise((resolve) => (validated = resolve));
const { child, send, request } = startServer(server, {
  settings: () => settings.yaml,
  onMessage: (message) => {
    if (message.method === "textDocument/publishDiagnostics" && message.params.uri === staffUri) validated(message.params.diagnostics);
  },
});

const settings = { yaml: { schemas: { [schemaUri]: "**/staff.yaml" }, hover: true, completion: true, validate: true, yamlVersion: "1.2" } };
const failures = [];
const timer = setTimeout(() => {
  console.error("FAIL: the language server did not answer within 30 s");
  child.kill();
  process.exit(1);
}, 30_000);

try {
  await request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: {
      textDocument: {
        completion: { completionItem: { documentationFormat: ["markdown", "plaintext"], snippetSupport: true } },
        hover: { contentFormat: ["markdown", "plaintext"] },
      },
    },
  });
  send({ method: "initialized", params: {} });
  send({ method: "workspace/didChangeConfiguration", params: { settings } });
  send({ method: "textDocument/didOpen", params: { textDocument: { uri: staffUri, languageId: "yaml", version: 1, text: STAFF } } });

  const diagnostics = await firstDiagnostics;
  console.log(`diagnostics of the open staff.yaml: ${diagnostics.map((d) => d.message.split("\n")[0].slice(0, 90)).join("; ") || "none"}`);
  const lines = STAFF.split("\n");
  const completion = await request("textDocument/completion", {
    textDocument: { uri: staffUri },
    position: { line: 6, character: lines[6].length },
  });
  const items = (Array.isArray(completion) ? completion : completion?.items ?? []).map((item) => ({
    label: item.label,
    documentation: typeof item.documentation === "string" ? item.documentation : item.documentation?.value,
  }));
  console.log(`yaml-language-server ${serverVersion}: completion at "    position: " offers ${items.length} values:`);
  for (const item of items.slice(0, 4)) console.log(`  ${item.label}  —  ${item.documentation ?? "(no documentation)"}`);
  console.log("  …");
  for (const item of items.filter((i) => i.label === "大堂经理")) console.log(`  ${item.label}  —  ${item.documentation ?? "(no documentation)"}`);
  const offered = (label) => items.find((item) => item.label === label);
  if (!offered("lobby_manager")?.documentation?.includes("lobby_manager — 大堂经理 / lobby manager")) failures.push("completion: lobby_manager without 大堂经理 beside it");
  if (!offered("大堂经理")?.documentation?.includes("lobby_manager — 大堂经理 / lobby manager")) failures.push("completion: 大堂经理 not offered with its code");

  const hover = await request("textDocument/hover", {
    textDocument: { uri: staffUri },
    position: { line: 3, character: lines[3].indexOf("lobby_manager") + 3 },
  });
  const hoverText = typeof hover?.contents === "string" ? hover.contents : hover?.contents?.value ?? "";
  console.log(`\nhover on "lobby_manager":\n${hoverText.split("\n").slice(0, 8).map((l) => "  " + l).join("\n")}\n  …`);
  // Hover is Markdown: the server escapes the underscores of each description.
  if (!hoverText.replaceAll("\\_", "_").includes("lobby_manager — 大堂经理 / lobby manager")) failures.push("hover: lobby_manager not described");
  if (!hoverText.includes("职位 / position")) failures.push("hover: no title");
} catch (error) {
  failures.push(String(error));
} finally {
  clearTimeout(timer);
  child.kill();
  rmSync(dir, { recursive: true, force: true });
}
if (failures.length > 0) {
  for (const f of failures) console.error(`FAIL ${f}`);
  process.exit(1);
}
console.log(`\nok: yaml-language-server ${serverVersion} shows each position with its Chinese name and English label`);
