/**
 * Oracle: the engine's native capaian formulas, written into a copy of each measurement
 * fixture and recalculated by LibreOffice, give the engine's own capaian to 1e-9.
 * LibreOffice is installed by .ci/run; on a machine without it the test says so and
 * passes only outside CI.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { evaluateSheet } from "../../src/engine/evaluate";
import { capaianFormulaFor } from "../../src/engine/measure/native";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { WORKBOOKS } from "../support/fixtures";
import { recalculate, sofficePath } from "../support/libreoffice";

const MEASUREMENT_FIXTURES = ["pengukuran-bkpsdm-2024.xlsx", "evaluasi-renja-kesbangpol-2025.xlsx"];

interface Probe {
  sheet: string;
  row: number;
  col: number;
  formula: string;
  expected: number | null;
}

const available = sofficePath() !== null;
if (!available && process.env.CI) throw new Error("LibreOffice is required in CI (.ci/run installs libreoffice-calc-nogui)");

(available ? describe : describe.skip)("LibreOffice recalculates the native capaian formulas", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-oracle-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test.each(MEASUREMENT_FIXTURES)("%s", async (name) => {
    const source = path.join(WORKBOOKS, name);
    const snapshot = await readWorkbookFile(source);
    const probes: Probe[] = [];
    for (const sheet of snapshot.sheets) {
      for (const t of evaluateSheet(sheet).tables) {
        for (const ind of t.indicators) {
          const native = capaianFormulaFor(sheet, t.table, ind);
          if (!native.formula) continue;
          // An owned column two to the right of the table.
          probes.push({ sheet: sheet.name, row: ind.typed.row.row, col: t.table.right + 2, formula: native.formula, expected: ind.measurement.capaian.value });
        }
      }
    }
    expect(probes.length).toBeGreaterThan(3);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(source);
    for (const p of probes) {
      // A wrong cached result: if LibreOffice kept cached values instead of recalculating, the test fails.
      wb.getWorksheet(p.sheet)!.getCell(p.row, p.col).value = { formula: p.formula.slice(1), result: -999 };
    }
    const copy = path.join(dir, `in-${name}`);
    await wb.xlsx.writeFile(copy);
    const outDir = path.join(dir, "out");
    await fs.mkdir(outDir, { recursive: true });
    const recalculated = await recalculate(copy, outDir);

    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(recalculated);
    const compared: string[] = [];
    for (const p of probes) {
      const cell = back.getWorksheet(p.sheet)!.getCell(p.row, p.col);
      const v = cell.value as ExcelJS.CellFormulaValue | number | string | null;
      // A formula whose result is "" comes back without a result.
      const result = v !== null && typeof v === "object" && "formula" in v ? (v.result ?? null) : v;
      const got = typeof result === "number" ? result : result === "" || result === undefined || result === null ? null : NaN;
      if (p.expected === null) expect({ at: `${p.sheet}!${p.row}`, got }).toEqual({ at: `${p.sheet}!${p.row}`, got: null });
      else expect(Math.abs((got as number) - p.expected)).toBeLessThanOrEqual(1e-9);
      compared.push(`${p.sheet}!${p.row}`);
    }
    // The count compared, for the closing note.
    console.log(`${name}: ${compared.length} capaian values equal LibreOffice's to 1e-9`);
  });
});
