/** Ids from Chinese names, in the repository's style, unique across staff and prospects. */
import { beforeAll, describe, expect, it } from "vitest";
import { highestProspectNumber, loadPinyin, nameParts, prospectId, staffId, type Pinyin } from "../../src/import/ids.js";

let pinyin: Pinyin;
beforeAll(async () => {
  pinyin = await loadPinyin();
});

const ID = /^[a-z0-9][a-z0-9-]*$/;

describe("staff ids", () => {
  it("writes surname and given name in pinyin, like the example data", () => {
    expect(staffId(pinyin, "王芳", new Set())).toBe("wang-fang");
    expect(staffId(pinyin, "钱建国", new Set())).toBe("qian-jianguo");
    expect(staffId(pinyin, "吕建华", new Set())).toBe("lv-jianhua");
    expect(staffId(pinyin, "欧阳修", new Set())).toBe("ouyang-xiu");
    expect(staffId(pinyin, "曾国藩", new Set())).toBe("zeng-guofan");
    expect(staffId(pinyin, "单雄信", new Set())).toBe("shan-xiongxin");
    expect(staffId(pinyin, " 王 芳 ", new Set())).toBe("wang-fang");
    expect(staffId(pinyin, "Tom Wang", new Set())).toBe("tom-wang");
  });

  it("adds a number when the id is taken, by staff or by a prospect", () => {
    expect(staffId(pinyin, "王芳", new Set(["wang-fang"]))).toBe("wang-fang-2");
    expect(staffId(pinyin, "王芳", new Set(["wang-fang", "wang-fang-2"]))).toBe("wang-fang-3");
  });

  it("always gives a valid id", () => {
    for (const name of ["王芳", "Ａｎｎａ", "😀", "", "---", "李·娜", "Müller"]) expect(staffId(pinyin, name, new Set()), name).toMatch(ID);
  });

  it("splits compound surnames", () => {
    expect(nameParts(pinyin, "司马光")).toEqual({ surname: "sima", given: "guang" });
    expect(nameParts(pinyin, "诸葛亮")).toEqual({ surname: "zhuge", given: "liang" });
  });

  it("cuts the parts of a very long name, so that an id stays something a person types", () => {
    expect(staffId(pinyin, "x".repeat(30_000), new Set())).toBe("x".repeat(32));
    expect(prospectId(pinyin, "长".repeat(5_000), new Set(), 0).id.length).toBeLessThanOrEqual(2 + 32 + 4);
    expect(nameParts(pinyin, "Anna Maria Louisa Charlotte Wilhelmina von Hohenzollern").given.length).toBeLessThanOrEqual(32);
  });
});

describe("prospect ids", () => {
  it("continue the repository's numbering after the surname", () => {
    const taken = new Set(["p-chen-001", "p-liu-002", "p-zeng-030"]);
    expect(highestProspectNumber(taken)).toBe(30);
    expect(prospectId(pinyin, "陈先生", taken, 30)).toEqual({ id: "p-chen-031", number: 31 });
    expect(prospectId(pinyin, "刘女士", taken, 31)).toEqual({ id: "p-liu-032", number: 32 });
    expect(prospectId(pinyin, "欧阳总", taken, 0).id).toBe("p-ouyang-001");
  });
});

// Issue 29: a name of U+4E00–U+9FFF alone skips the cleaning and the Han test; that holds only
// when every one of those characters is Han to this Node's regular expressions.
describe("the plain-name shortcut", () => {
  it("covers Han characters only", () => {
    const notHan: string[] = [];
    for (let code = 0x4e00; code <= 0x9fff; code++) if (!/\p{Script=Han}/u.test(String.fromCharCode(code))) notHan.push(code.toString(16));
    expect(notHan).toEqual([]);
  });

  it("gives the ids the cleaned form gives", () => {
    for (const [plain, spaced] of [["欧阳修", " 欧阳 修 "], ["王芳", "王·芳"], ["司马相如", "司马\t相如"], ["单雄信", "单 雄信"]] as const) {
      expect(nameParts(pinyin, plain)).toEqual(nameParts(pinyin, spaced));
    }
  });
});
