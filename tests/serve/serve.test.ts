/**
 * `channel serve` over HTTP, in process on port 0 against data-example (and copies of it): every
 * page answers 200, the pages show what the commands' JSON says (computed in process by `main`),
 * and the server refuses what it must — a foreign Host header, a path out of its routes, a
 * method that is not GET or HEAD — and renders hostile values inert.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeContext, type GlobalOptions, type Surroundings } from "../../src/cli/context.js";
import { main } from "../../src/cli/main.js";
import { startServe, type ServeOptions } from "../../src/cli/commands/serve.js";
import { PLAIN } from "../../src/report/style.js";
import { percentText } from "../../src/report/monthly.js";
import { hostAllowed, unsafeTarget, type RunningServer } from "../../src/serve/server.js";
import { copyToTemp, DATA_EXAMPLE, FIXTURES, scratchFolders, TEST_CACHE_DIR } from "../helpers/cli.js";

const AS_OF = "2012-03-20";
const folders = scratchFolders("channel-serve-");
const running: RunningServer[] = [];
afterAll(async () => {
  for (const server of running) await server.close();
});

function surroundings(cwd: string, out: { stdout: string; stderr: string } = { stdout: "", stderr: "" }): Surroundings {
  return {
    env: { NO_COLOR: "1", CHANNEL_CACHE_DIR: TEST_CACHE_DIR },
    cwd,
    now: () => new Date(Date.UTC(2012, 2, 20, 2)),
    stdout: (text) => (out.stdout += text),
    stderr: (text) => (out.stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
}

async function serve(dir: string, options: ServeOptions = {}, globals: GlobalOptions = {}): Promise<RunningServer> {
  const ctx = makeContext({ data: dir, asOf: AS_OF, lang: "en", ...globals }, surroundings(dir), PLAIN);
  const server = await startServe(ctx, { port: "0", ...options });
  running.push(server);
  return server;
}

/** A command's JSON, computed in process as the command line computes it. */
async function commandJson(args: string[]): Promise<any> {
  const out = { stdout: "", stderr: "" };
  await main([...args, "--format", "json", "--as-of", AS_OF, "--lang", "en"], surroundings(DATA_EXAMPLE, out));
  return JSON.parse(out.stdout);
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A request sent as written (no URL normalisation: `/../` reaches the server as it is). */
function get(server: RunningServer, target: string, options: { host?: string; method?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, path: target, method: options.method ?? "GET", headers: { host: options.host ?? `127.0.0.1:${server.port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** The value of `name` on every element of class `cls`, in page order. */
function attributes(body: string, cls: string, name: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(new RegExp(`<tr class="${cls}"([^>]*)>`, "g"))) {
    const value = new RegExp(`${name}="([^"]*)"`).exec(m[1]!);
    out.push(value === null ? "" : value[1]!.replace(/&amp;/g, "&"));
  }
  return out;
}

function links(body: string, prefix: string): string[] {
  return [...new Set([...body.matchAll(new RegExp(`href="(${prefix}[^"#]*)`, "g"))].map((m) => m[1]!.replace(/&amp;/g, "&")))];
}

describe("every page", () => {
  it("answers 200 with the masking statement, and every card linked from the pages opens", async () => {
    const server = await serve(DATA_EXAMPLE);
    const pages = ["/", "/today", "/branches", "/coverage", "/kpis", "/bonus", "/expenses", "/monthly", "/monthly?branch=cmb-futian-center&month=2012-03&audience=internal", "/validate", "/source?file=channel.yaml&line=5"];
    const seen = new Set<string>();
    for (const page of pages) {
      const answer = await get(server, page);
      expect(answer.status, page).toBe(200);
      expect(answer.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(answer.body).toContain('id="privacy"');
      expect(answer.body).toContain("Personal data masked");
      for (const card of [...links(answer.body, "/branch/"), ...links(answer.body, "/staff/"), ...links(answer.body, "/prospect/")]) seen.add(card);
    }
    // The branch index links every branch; each branch card links its staff and prospects.
    for (const card of [...seen].filter((c) => c.startsWith("/branch/"))) {
      const answer = await get(server, card);
      expect(answer.status, card).toBe(200);
      for (const person of [...links(answer.body, "/staff/"), ...links(answer.body, "/prospect/")]) seen.add(person);
    }
    expect([...seen].filter((c) => c.startsWith("/branch/")).length).toBe(9);
    expect([...seen].filter((c) => c.startsWith("/staff/")).length).toBeGreaterThan(30);
    for (const card of [...seen].filter((c) => !c.startsWith("/branch/"))) {
      const answer = await get(server, card);
      expect(answer.status, card).toBe(200);
      expect(answer.body).toContain('id="privacy"');
    }
  });

  it("says on every page when personal data is shown (--no-redact)", async () => {
    const server = await serve(DATA_EXAMPLE, { redact: false });
    for (const page of ["/", "/branches", "/bonus", "/validate", "/staff/xiao-gang"]) {
      const answer = await get(server, page);
      expect(answer.status).toBe(200);
      expect(answer.body).toContain("Personal data NOT masked");
    }
  });

  it("speaks the repository's language or --lang", async () => {
    const server = await serve(DATA_EXAMPLE, {}, { lang: "zh" });
    const answer = await get(server, "/");
    expect(answer.body).toContain('<html lang="zh-CN">');
    expect(answer.body).toContain("个人信息已隐藏");
  });
});

describe("the pages show what the commands compute", () => {
  it("today: the items of `followups --format json`, in its order, with phones as tel: links (--no-redact)", async () => {
    const json = await commandJson(["followups", "--data", DATA_EXAMPLE]);
    const server = await serve(DATA_EXAMPLE, { redact: false });
    const body = (await get(server, "/")).body;
    const expected = (json.items as { due: string; kind: string; person: string | null; branch: string | null }[]).map((i) => `${i.due} ${i.kind} ${i.branch ?? ""} ${i.person ?? ""}`);
    // Grouped as the terminal groups it: overdue first (in the rules' order), then each day.
    const overdueFirst = [...json.items.filter((i: { overdue: boolean }) => i.overdue), ...json.items.filter((i: { overdue: boolean }) => !i.overdue)].map(
      (i: { due: string; kind: string; person: string | null; branch: string | null }) => `${i.due} ${i.kind} ${i.branch ?? ""} ${i.person ?? ""}`,
    );
    const shown = attributes(body, "item", "data-due").map((due, n) => `${due} ${attributes(body, "item", "data-kind")[n]} ${attributes(body, "item", "data-branch")[n]} ${attributes(body, "item", "data-person")[n]}`);
    expect(shown.length).toBe(expected.length);
    expect(shown).toEqual(overdueFirst);
    const phone = json.items.find((i: { phone: string | null }) => i.phone !== null).phone as string;
    // Dialled as digits (a landline's hyphen left out), shown as written.
    expect(body).toContain(`href="tel:${phone.replace(/[^\d+]/g, "")}">${phone}</a>`);
  });

  it("today, masked: no birthdays, no full phone number, prospects by surname", async () => {
    const json = await commandJson(["followups", "--data", DATA_EXAMPLE]);
    const server = await serve(DATA_EXAMPLE);
    const body = (await get(server, "/")).body;
    const kinds = attributes(body, "item", "data-kind");
    expect(kinds).not.toContain("birthday");
    expect(kinds.length).toBe(json.items.filter((i: { kind: string }) => i.kind !== "birthday").length);
    for (const item of json.items as { phone: string | null; name: string | null; person: string | null }[]) {
      if (item.phone !== null) expect(body).not.toContain(item.phone);
    }
    expect(body).not.toContain('href="tel:');
    const prospect = json.items.find((i: { person: string | null; kind: string }) => i.person?.startsWith("p-") && i.kind !== "birthday");
    expect(body).not.toContain(prospect.name);
    expect(body).not.toContain(prospect.person);
  });

  it("today: the filters are those of `followups --owner/--branch/--kind`, and the as-of day moves", async () => {
    const server = await serve(DATA_EXAMPLE, { redact: false });
    const json = await commandJson(["followups", "--data", DATA_EXAMPLE, "--branch", "cmb-dongmen", "--kind", "contact"]);
    const body = (await get(server, "/?branch=cmb-dongmen&kind=contact")).body;
    expect(attributes(body, "item", "data-person").sort()).toEqual(json.items.map((i: { person: string }) => i.person).sort());
    const owner = (await commandJson(["followups", "--data", DATA_EXAMPLE])).items.find((i: { owner: string | null }) => i.owner !== null).owner as string;
    const byOwner = await commandJson(["followups", "--data", DATA_EXAMPLE, "--owner", owner]);
    expect(attributes((await get(server, `/?owner=${encodeURIComponent(owner)}`)).body, "item", "data-kind").length).toBe(byOwner.items.length);
    const later = (await get(server, "/?as_of=2012-03-25")).body;
    expect(later).toContain("from 2012-03-25");
    expect(later).toContain('href="/branches?as_of=2012-03-25"');
  });

  it("refuses a wrong as_of with the command line's own message", async () => {
    const server = await serve(DATA_EXAMPLE);
    for (const bad of ["2012-02-30", "9999-01-01", "tomorrow"]) {
      const answer = await get(server, `/?as_of=${bad}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(bad);
    }
  });

  it("bonus: every candidate of `bonus --format json` with its status and amount", async () => {
    const json = await commandJson(["bonus", "--data", DATA_EXAMPLE]);
    const server = await serve(DATA_EXAMPLE);
    const body = (await get(server, "/bonus")).body;
    const shown = attributes(body, "candidate", "data-staff").map((staff, n) => [staff, attributes(body, "candidate", "data-status")[n], Number(attributes(body, "candidate", "data-amount")[n])]);
    expect(shown).toEqual(json.candidates.map((c: { staff: string; status: string; amount: number }) => [c.staff, c.status, c.amount]));
    expect(json.awarded).toBeGreaterThan(0);
    expect(body).toContain(`${json.awarded} awarded`);
  });

  it("expenses: each department's support as `expenses --format json` has it", async () => {
    const json = await commandJson(["expenses", "--data", DATA_EXAMPLE]);
    const server = await serve(DATA_EXAMPLE);
    const body = (await get(server, "/expenses")).body;
    const shown = attributes(body, "department", "data-department").map((d, n) => [d, Number(attributes(body, "department", "data-support")[n])]);
    expect(shown).toEqual(json.departments.map((d: { department: string; support: number }) => [d.department, d.support]));
  });

  it("coverage: each branch's share as `coverage --format json` has it, lowest first", async () => {
    const json = await commandJson(["coverage", "--data", DATA_EXAMPLE]);
    const server = await serve(DATA_EXAMPLE);
    const body = (await get(server, "/coverage")).body;
    const rows = [...body.matchAll(/<tr><td><a href="\/branch\/([^"?]+)[^"]*">[^<]*<\/a><\/td><td class="cell h\d+"[^>]*>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual(json.branches.map((b: { branch: string; coverage: number }) => [b.branch, percentText(b.coverage)]));
  });

  it("validate: every finding of `validate --format json`, each linking to its file and line, whose lines the source page shows", async () => {
    const dir = path.join(FIXTURES, "validate-broken-archive");
    const out = { stdout: "", stderr: "" };
    await main(["validate", "--data", dir, "--format", "json", "--lang", "en"], surroundings(dir, out));
    const json = JSON.parse(out.stdout);
    const server = await serve(dir);
    const body = (await get(server, "/validate")).body;
    const shown = attributes(body, "finding", "data-code").map((code, n) => `${code} ${attributes(body, "finding", "data-file")[n]}:${attributes(body, "finding", "data-line")[n]}`);
    const findings = json.diagnostics;
    expect(findings.length).toBeGreaterThan(3);
    expect(shown).toEqual(findings.map((f: { code: string; file: string; line: number }) => `${f.code} ${f.file}:${f.line}`));
    const first = findings.find((f: { line: number }) => f.line > 1) ?? findings[0];
    const target = `/source?file=${encodeURIComponent(first.file)}&line=${first.line}`;
    expect(body).toContain(`href="${target.replace(/&/g, "&amp;")}#L${first.line}"`);
    const source = await get(server, target);
    expect(source.status).toBe(200);
    const lines = fs.readFileSync(path.join(dir, first.file), "utf8").split(/\r?\n/);
    expect(source.body).toContain(`id="L${first.line}"`);
    expect(source.body).toContain(`<span class="line at" id="L${first.line}">`);
    // The span the finding points at is marked on its line.
    expect(source.body).toMatch(new RegExp(`id="L${first.line}"><span class="no">${first.line}</span>[^\\n]*<mark>`));
    expect(lines.length).toBeGreaterThanOrEqual(first.line);
    // Money is never computed on data with errors, as `bonus` refuses it.
    expect((await get(server, "/bonus")).body).toContain('id="refused"');
  });
});

describe("safety", () => {
  it("refuses a Host header that is not the address and port it serves (DNS rebinding)", async () => {
    const server = await serve(DATA_EXAMPLE);
    for (const host of ["evil.example:" + server.port, `127.0.0.1:${server.port + 1}`, "127.0.0.1", `localhost.evil.example:${server.port}`, `127.0.0.1:${server.port}@evil.example`]) {
      const answer = await get(server, "/", { host });
      expect(answer.status, host).toBe(421);
      expect(answer.body).not.toContain("Today");
    }
    // No Host header at all (HTTP/1.0): refused too.
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, "127.0.0.1", () => socket.end("GET / HTTP/1.0\r\n\r\n"));
      let text = "";
      socket.on("data", (d: Buffer) => (text += d.toString("utf8")));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.[01] 421 /);
    expect((await get(server, "/", { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it("serves only its own routes: no path from the address reaches the disk", async () => {
    const server = await serve(DATA_EXAMPLE);
    for (const target of ["/../channel.yaml", "/%2e%2e/channel.yaml", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fchannel.yaml", "/source/../channel.yaml", "/branches/..\\channel.yaml", "//etc/passwd", "/channel.yaml", "/branches/cmb-dongmen/staff.yaml", "/static/../../channel.yaml"]) {
      const answer = await get(server, target);
      expect([400, 404], target).toContain(answer.status);
      expect(answer.body, target).not.toContain("organisation");
      expect(answer.body, target).not.toContain("root:");
    }
    for (const file of ["../channel.yaml", "/etc/passwd", "branches/../channel.yaml", "branches/cmb-dongmen/../../channel.yaml", "package.json"]) {
      const answer = await get(server, `/source?file=${encodeURIComponent(file)}&line=1`);
      expect(answer.status, file).toBe(404);
      expect(answer.body).not.toContain("organisation:");
    }
    expect((await get(server, "/branch/..%2f..%2fchannel.yaml")).status).toBe(400);
    expect((await get(server, "/staff/nobody")).status).toBe(404);
  });

  it("answers GET and HEAD only, and every answer carries the CSP and nosniff headers", async () => {
    const server = await serve(DATA_EXAMPLE);
    for (const method of ["POST", "PUT", "DELETE", "PATCH"]) expect((await get(server, "/", { method })).status).toBe(405);
    const head = await get(server, "/bonus", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    for (const page of ["/", "/nope", "/../x"]) {
      const answer = await get(server, page);
      expect(answer.headers["content-security-policy"]).toMatch(/default-src 'none'/);
      expect(answer.headers["content-security-policy"]).not.toMatch(/unsafe-inline/);
      expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    }
  });

  it("renders hostile names inert: markup escaped on every page, control characters shown on the validate and source pages", async () => {
    const dir = folders.keep(copyToTemp());
    const staffFile = path.join(dir, "branches/cmb-dongmen/staff.yaml");
    // A name the checks accept (markup is text to them) ...
    const markup = `<script>alert(1)</script>"'<img src=x onerror=alert(2)>`;
    fs.writeFileSync(staffFile, fs.readFileSync(staffFile, "utf8").replace("name: 肖刚", `name: '${markup.replace(/'/g, "''")}'`));
    // ... and one they refuse (a terminal hyperlink and a bidi override), shown only where the file itself is.
    const prospectsFile = path.join(dir, "branches/cmb-houhai/prospects.yaml");
    const prospects = fs.readFileSync(prospectsFile, "utf8");
    const firstName = /name: (.*)/.exec(prospects)!;
    fs.writeFileSync(prospectsFile, prospects.replace(firstName[0], `name: "\\e]8;;http://evil.example\\a点我\\e]8;;\\a\u202Egnp.exe"`));
    const before = fs.readdirSync(dir, { recursive: true }).map(String).sort();
    const bytes = fs.readFileSync(staffFile);
    const server = await serve(dir, { redact: false });
    for (const page of ["/branch/cmb-dongmen", "/staff/xiao-gang", "/", "/branches", "/validate", "/bonus"]) {
      const body = (await get(server, page)).body;
      expect(body, page).not.toContain("<script>alert");
      expect(body, page).not.toContain("<img");
      expect(body, page).not.toMatch(/[\x1b\x07\u202e]/);
      expect(body.match(/<script>/g)?.length ?? 0, page).toBe(1);
    }
    for (const page of ["/branch/cmb-dongmen", "/staff/xiao-gang"]) expect((await get(server, page)).body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&lt;img src=x onerror=alert(2)&gt;");
    const validate = (await get(server, "/validate")).body;
    expect(attributes(validate, "finding", "data-code")).toContain("CONTROL_CHARACTER");
    const line = Number(attributes(validate, "finding", "data-line")[attributes(validate, "finding", "data-code").indexOf("CONTROL_CHARACTER")]);
    const source = (await get(server, `/source?file=branches%2Fcmb-houhai%2Fprospects.yaml&line=${line}`)).body;
    expect(source).not.toMatch(/[\x1b\x07\u202e]/);
    expect(source).toContain("\\e]8;;http://evil.example");
    // An edit shows on the next load (the cache is keyed by the files' identities and bytes).
    const branchFile = path.join(dir, "branches/cmb-dongmen/branch.yaml");
    fs.writeFileSync(branchFile, fs.readFileSync(branchFile, "utf8").replace("name: 招商银行深圳东门支行", "name: 招商银行深圳东门支行（改）"));
    expect((await get(server, "/branch/cmb-dongmen")).body).toContain("招商银行深圳东门支行（改）");
    // Nothing was written into the repository.
    expect(fs.readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(before);
    expect(fs.readFileSync(staffFile).equals(bytes)).toBe(true);
  });

  it("binds 127.0.0.1 unless told otherwise", async () => {
    const server = await serve(DATA_EXAMPLE);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((server.server.address() as { address: string }).address).toBe("127.0.0.1");
  });
});

describe("hostAllowed and unsafeTarget", () => {
  it("accepts the bound address and localhost on loopback, IP literals only when bound to every address", () => {
    expect(hostAllowed("127.0.0.1:7420", "127.0.0.1", 7420)).toBe(true);
    expect(hostAllowed("LOCALHOST:7420", "127.0.0.1", 7420)).toBe(true);
    expect(hostAllowed("127.0.0.1:7421", "127.0.0.1", 7420)).toBe(false);
    expect(hostAllowed("attacker.example:7420", "127.0.0.1", 7420)).toBe(false);
    expect(hostAllowed(undefined, "127.0.0.1", 7420)).toBe(false);
    expect(hostAllowed("[::1]:7420", "::1", 7420)).toBe(true);
    expect(hostAllowed("192.168.1.5:7420", "0.0.0.0", 7420)).toBe(true);
    expect(hostAllowed("dead.beef:7420", "0.0.0.0", 7420)).toBe(false);
    expect(hostAllowed("192.168.1.5:7420", "192.168.1.5", 7420)).toBe(true);
    expect(hostAllowed("localhost:7420", "192.168.1.5", 7420)).toBe(false);
  });

  it("refuses dot segments, encoded or not, backslashes and NULs", () => {
    for (const bad of ["/../a", "/%2e%2e/a", "/a/%2E./b", "/a/..", "/a\\b", "/a%5cb", "/a%00", "//host/x", "x", "/a%2fb"]) expect(unsafeTarget(bad), bad).toBe(true);
    for (const good of ["/", "/branch/cmb-dongmen", "/source?file=../x", "/staff/a.b"]) expect(unsafeTarget(good), good).toBe(false);
  });
});
