// The little of the Language Server Protocol that the yaml-language-server checks need
// (scripts/check-yaml-language-server.mjs and check-yaml-language-server-messages.mjs): find the
// server, start it on stdio, send messages and requests, answer its own requests.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * The server's bin: `given` (an argument), YAML_LANGUAGE_SERVER, or one installed beside the
 * project (`npm install --no-save yaml-language-server@1.25.0`); null when there is none.
 */
export function findServer(given) {
  const named = given ?? process.env.YAML_LANGUAGE_SERVER;
  if (named) return named;
  try {
    const pkg = createRequire(path.join(root, "package.json")).resolve("yaml-language-server/package.json");
    const bin = path.join(path.dirname(pkg), "bin", "yaml-language-server");
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** The sentence a check prints, and exits 0 with, when there is no server. */
export const NO_SERVER = "skipped: yaml-language-server not found (npm install --no-save yaml-language-server@1.25.0, or pass its bin)";

/** The version of the server package a bin belongs to, or "?". */
export function serverVersionOf(server) {
  try {
    return createRequire(path.resolve(server))("../package.json").version;
  } catch {
    return "?";
  }
}

/**
 * Starts the server. `onMessage` sees every message it sends, first; its requests are answered
 * (workspace/configuration with `settings()` per item, anything else with null); answers to ours
 * settle the promises `request` returns.
 */
export function startServer(server, { settings, onMessage }) {
  const child = spawn(process.execPath, [server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const send = (message) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message }), "utf8");
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  const request = (method, params) => {
    const id = nextId++;
    send({ id, method, params });
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  };
  child.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8"));
      buffer = buffer.subarray(headerEnd + 4 + length);
      onMessage?.(message);
      if (message.id !== undefined && message.method !== undefined) {
        // A request from the server (configuration, capability registration): answer plainly.
        send({ id: message.id, result: message.method === "workspace/configuration" ? message.params.items.map(() => settings()) : null });
      } else if (message.id !== undefined && pending.has(message.id)) {
        const { resolve, reject } = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result);
      }
    }
  });
  return { child, send, request };
}
