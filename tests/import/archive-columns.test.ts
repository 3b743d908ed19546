/** The columns of people who leave and of prospects' extra phones: their headers, as written by people and by `channel export`. */
import { describe, expect, it } from "vitest";
import { LANGS, t } from "../../src/i18n/catalog.js";
import { headerIndex, headerKey, headerKeys } from "../../src/import/fields.js";

function fieldOf(kind: "staff" | "prospects", header: string): string | undefined {
  const index = headerIndex(kind);
  return headerKeys(header).map((k) => index.get(k)?.field).find((f) => f !== undefined);
}

describe("import headers", () => {
  it("map 离职日期 and 离开说明 (and their usual variants) to left and left_note", () => {
    for (const header of ["离职日期", "离开日期", "调离日期", "date left"]) expect(fieldOf("staff", header), header).toBe("left");
    for (const header of ["离开说明", "离职原因", "去向", "left note"]) expect(fieldOf("staff", header), header).toBe("left_note");
  });

  it("map 单位电话 and 住宅电话 to work_phone and home_phone, and leave 电话 the mobile", () => {
    for (const header of ["单位电话", "办公电话", "work phone"]) expect(fieldOf("prospects", header), header).toBe("work_phone");
    for (const header of ["住宅电话", "家庭电话", "宅电", "home phone"]) expect(fieldOf("prospects", header), header).toBe("home_phone");
    expect(fieldOf("prospects", "电话")).toBe("phone");
    expect(fieldOf("prospects", "手机")).toBe("phone");
  });

  it("read back the headers channel export writes, in both languages", () => {
    for (const lang of LANGS) {
      for (const field of ["left", "left_note"]) expect(fieldOf("staff", t(lang, headerKey(field)))).toBe(field);
      for (const field of ["work_phone", "home_phone"]) expect(fieldOf("prospects", t(lang, headerKey(field)))).toBe(field);
    }
  });
});
