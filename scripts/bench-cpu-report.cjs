// Preloaded (`node -r`) into the start-up runs of scripts/bench.mjs, of `channel` and of
// `node -e 0` alike: at exit, writes the process's CPU time (user + system, microseconds) to
// the file named by BENCH_CPU_OUT. A child's CPU time is otherwise only to be had from
// /usr/bin/time, to the hundredth of a second: too coarse for runs of ~0.1 s. The teardown
// after the exit handlers (the same for both) is not counted.
"use strict";
const out = process.env.BENCH_CPU_OUT;
if (out) {
  process.on("exit", () => {
    const { user, system } = process.cpuUsage();
    require("node:fs").writeFileSync(out, String(user + system));
  });
}
