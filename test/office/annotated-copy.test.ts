/**
 * A CLI annotated copy opened "in Excel": the copy written by src/xlsx/annotate.ts (as
 * `iki-check --out` writes it), loaded into the simulator with its conditional formats,
 * notes and threaded comments (test/support/xlsx-state.ts), and checked by the add-in on
 * Microsoft's client library. The copy already holds exactly what the add-in would write:
 * zero format and zero note writes. Hapus tanda removes every flag and the findings sheet
 * and leaves the user's content as it was in the original file.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { checkWorkbook } from "../../src/engine/report";
import { isFindingsSheetTitle, parseMarkerFormula, parseNoteCell } from "../../src/engine/flag-style";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { writeAnnotatedCopy } from "../support/copies";
import { modelFromXlsx } from "../support/xlsx-state";
import { sessionOn, simulatorOf } from "../support/simulated-host";
import { FakeWorkbookModel } from "../support/fake-excel";

const WORKBOOKS = path.join(__dirname, "..", "fixtures", "workbooks");
const FILES = ["pengukuran-bkpsdm-2024.xlsx", "seed-002-iki-kesbangpol-kukar-2025.xlsx"];

let dir = "";
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-copy-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** The user's content of a workbook state: values, formulas, formats, merges, their notes and formats. */
function userContent(m: FakeWorkbookModel, skip: (name: string) => boolean = () => false): string {
  return JSON.stringify(
    m.sheets
      .filter((s) => !skip(s.name))
      .map((s) => ({
        name: s.name,
        cells: [...s.cells].map(([k, c]) => [k, c.value, c.formula, c.numberFormat]),
        merges: s.merges,
        notes: [...s.notes].filter(([, n]) => !parseNoteCell(n.content)).map(([k, n]) => [k, n.content]),
        comments: [...s.threadedComments],
        formats: s.conditionalFormats.filter((cf) => !parseMarkerFormula(cf.formula)).map((cf) => [cf.type, cf.formula, cf.areas]),
      })),
  );
}

describe.each(FILES)("the annotated copy of %s, opened by the add-in", (file) => {
  let copy = "";
  beforeAll(async () => {
    const source = path.join(WORKBOOKS, file);
    copy = await writeAnnotatedCopy(source, path.join(dir, file), checkWorkbook(await readWorkbookFile(source)).findings, "id");
  });

  it("is checked with zero format and zero note writes", async () => {
    const model = await modelFromXlsx(copy);
    expect(model.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => parseMarkerFormula(cf.formula)).length).toBeGreaterThan(0);
    expect(model.sheets.flatMap((s) => [...s.notes.values()]).filter((n) => parseNoteCell(n.content)).length).toBeGreaterThan(0);
    const sim = simulatorOf(model);
    const state = await sessionOn(sim).check();
    expect(state.report.findings.length).toBeGreaterThan(0);
    expect([sim.formatWrites, sim.noteWrites]).toEqual([0, 0]);
  });

  it("Hapus tanda removes every flag and the findings sheet; the user's content is the original's", async () => {
    const original = await modelFromXlsx(path.join(WORKBOOKS, file));
    const model = await modelFromXlsx(copy);
    const findingsSheet = model.sheets.find((s) => isFindingsSheetTitle(s.cell(1, 1)?.value));
    expect(findingsSheet).toBeDefined();
    const sim = simulatorOf(model);
    const session = sessionOn(sim);
    await session.check();
    expect(await session.clearFlags()).toBeGreaterThan(0);
    expect(model.sheets.map((s) => s.name)).toEqual(original.sheets.map((s) => s.name));
    expect(model.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => parseMarkerFormula(cf.formula))).toEqual([]);
    expect(model.sheets.flatMap((s) => [...s.notes.values()]).filter((n) => parseNoteCell(n.content))).toEqual([]);
    expect(userContent(model)).toBe(userContent(original));
  });
});
