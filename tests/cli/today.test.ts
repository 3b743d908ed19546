/**
 * Issue 28 (start-up): today's day in the repository's timezone comes from Date's local fields
 * when that zone is the process's own, without the Intl object that cost a morning run ~15 ms.
 * Both ways must give the same day, also just before and after midnight and across daylight
 * saving; the process's zone is known by name only from TZ or the /etc/localtime link.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { processSurroundings, todayIn } from "../../src/cli/context.js";

const saved = process.env.TZ;
afterEach(() => {
  // Node resets its zone when TZ is assigned or deleted.
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
});

const ZONES = ["Asia/Shanghai", "Asia/Hong_Kong", "America/New_York", "Europe/London", "Australia/Lord_Howe", "Pacific/Kiritimati", "UTC"];

describe("today in the repository's timezone", () => {
  it("is the same day from Date's local fields as from Intl, in the process's own zone", () => {
    for (const zone of ZONES) {
      process.env.TZ = zone;
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
          const now = new Date(ms);
          expect(todayIn(zone, now, zone)).toBe(todayIn(zone, now));
        }),
        { numRuns: 300 },
      );
      // Either side of midnight in Shenzhen: 2012-03-19T15:59:59Z is 23:59:59 there.
      const before = new Date(Date.UTC(2012, 2, 19, 15, 59, 59));
      const after = new Date(Date.UTC(2012, 2, 19, 16, 0, 0));
      expect([todayIn(zone, before, zone), todayIn(zone, after, zone)]).toEqual([todayIn(zone, before), todayIn(zone, after)]);
    }
    process.env.TZ = "Asia/Shanghai";
    expect(todayIn("Asia/Shanghai", new Date(Date.UTC(2012, 2, 19, 16, 0, 0)), "Asia/Shanghai")).toBe("2012-03-20");
  });

  it("asks Intl when the repository's zone is not the process's", () => {
    process.env.TZ = "America/New_York";
    // 2012-03-19T16:00Z: already the 20th in Shenzhen, still the 19th in New York.
    expect(todayIn("Asia/Shanghai", new Date(Date.UTC(2012, 2, 19, 16, 0, 0)), "America/New_York")).toBe("2012-03-20");
  });

  it("knows the process's zone by name from TZ, and only an IANA name", () => {
    const local = processSurroundings().localTimezone!;
    process.env.TZ = "Asia/Shanghai";
    expect(local()).toBe("Asia/Shanghai");
    process.env.TZ = ":Asia/Shanghai";
    expect(local()).toBe("Asia/Shanghai");
    process.env.TZ = "<+08>-8";
    expect(local()).toBe(null);
    process.env.TZ = ":/usr/share/zoneinfo/Asia/Shanghai";
    expect(local()).toBe(null);
    process.env.TZ = "";
    expect(local()).toBe(null);
  });
});
