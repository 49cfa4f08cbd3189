/**
 * The adapter's snapshot equals the file reader's (src/xlsx) on workbooks from other
 * writers, notes, threaded comments and Excel Tables included: each file is loaded into the
 * simulator as Excel would show it (test/support/xlsx-state.ts) and read by the adapter on
 * Microsoft's client library.
 */
import path from "path";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { modelFromXlsx } from "../support/xlsx-state";
import { sessionOn, simulatorOf } from "../support/simulated-host";

const DIR = path.join(__dirname, "..", "fixtures", "other-writers");
const FILES = ["libreoffice-features.xlsx", "excel365-parts.xlsx", "generator-habits.xlsx", "strict-pengukuran.xlsx", "wps-cellimages.xlsx", "macro-enabled.xlsm"];

describe("the adapter's snapshot of files from other writers", () => {
  it.each(FILES)("%s: equals the file reader's, sheet for sheet", async (f) => {
    const file = path.join(DIR, f);
    const expected = await readWorkbookFile(file);
    const session = sessionOn(simulatorOf(await modelFromXlsx(file)));
    await session.check();
    expect(session.snapshot()).toEqual(expected);
  });

  it("the files hold what the comparison is about: notes, a threaded comment, Excel Tables", async () => {
    const all = await Promise.all(FILES.map((f) => readWorkbookFile(path.join(DIR, f))));
    const sheets = all.flatMap((w) => w.sheets);
    expect(sheets.flatMap((s) => s.notes).filter((n) => n.kind === "note").length).toBeGreaterThanOrEqual(2);
    expect(sheets.flatMap((s) => s.notes).filter((n) => n.kind === "threaded").length).toBeGreaterThanOrEqual(1);
    expect(sheets.flatMap((s) => s.tables).length).toBeGreaterThanOrEqual(2);
  });
});
