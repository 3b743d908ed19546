// A worker thread that runs the built CLI in-process: `main(argv, surroundings)` from
// dist/channel.cjs with its own environment, working directory and a fixed clock, output
// captured. The parent bounds each run and terminates a worker that does not answer.
import { parentPort, workerData } from "node:worker_threads";

// A CommonJS module imported: its exports are the default export.
const cli = await import(workerData.cliModule);
const main = cli.main ?? cli.default.main;
const MAX_CAPTURE = 32 * 1024 * 1024;

parentPort.on("message", async (job) => {
  const out = [];
  const err = [];
  let outSize = 0;
  let errSize = 0;
  const surroundings = {
    env: job.env,
    cwd: job.cwd,
    now: () => new Date(job.now),
    stdout: (text) => {
      if (outSize < MAX_CAPTURE) out.push(text);
      outSize += text.length;
    },
    stderr: (text) => {
      if (errSize < MAX_CAPTURE) err.push(text);
      errSize += text.length;
    },
    stdoutIsTTY: false,
  };
  const started = performance.now();
  let code;
  let crashed;
  try {
    code = await main(job.argv, surroundings);
  } catch (error) {
    // main promises never to throw.
    crashed = `main threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
  }
  parentPort.postMessage({ id: job.id, code, crashed, stdout: out.join(""), stderr: err.join(""), ms: performance.now() - started });
});
parentPort.postMessage({ ready: true });
