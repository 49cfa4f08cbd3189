/**
 * Incremental re-evaluation equals a full evaluation of the edited sheet, for random
 * edits of realisation, target and capaian cells of the measurement fixtures (fast-check),
 * and re-measures only the rows it must.
 */
import fc from "fast-check";
import { evaluateSheet } from "../../src/engine/evaluate";
import { reevaluate, applyChanges, type CellChange } from "../../src/engine/incremental";
import { reportEvaluation } from "../../src/engine/report";
import { valueAt, type CellValue, type SheetSnapshot } from "../../src/engine/snapshot";
import { loadWorkbook } from "../support/fixtures";

const SHEETS: [string, string][] = [
  ["pengukuran-bkpsdm-2024.xlsx", "Rencana Aksi 2024"],
  ["pengukuran-bkpsdm-2024.xlsx", "Realisasi Anggaran"],
  ["pengukuran-bkpsdm-2024.xlsx", "Pengukuran TW"],
  ["evaluasi-renja-kesbangpol-2025.xlsx", "Evaluasi Renja TW"],
  // Issue #14's layouts: monthly targets and a TOTAL row, text numbers and rincian rows,
  // the officers' own formulas through a helper column, an Excel Table with a hidden row.
  ["bulanan-bkpsdm-2024.xlsx", "Target Bulanan"],
  ["teks-angka-kesbangpol-2025.xlsx", "Pengukuran TW III"],
  ["rumus-capaian-setda-2024.xlsx", "Bagian Pemerintahan"],
  ["tabel-excel-setda-2024.xlsx", "Tabel TW III"],
];

async function sheet(workbook: string, name: string): Promise<SheetSnapshot> {
  const s = (await loadWorkbook(workbook)).sheets.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s;
}

/** What users type into value cells at quarter end, mistakes included. */
const typed: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: 0, max: 500 }),
  fc.double({ min: 0, max: 150, noNaN: true }),
  fc.constantFrom<CellValue>(null, "tiga", "85%", "18,5", "'85", "-", "B (80)", "WDP", 0, "1.250", "12 dokumen", 0.85),
);

test.each(SHEETS)("%s / %s: incremental equals full, for random value edits", async (workbook, name) => {
  const base = await sheet(workbook, name);
  const first = evaluateSheet(base);
  // Every value cell (realisation, target, capaian) of every data row.
  const cells: { row: number; col: number }[] = [];
  for (const t of first.tables) {
    for (let r = t.table.firstDataRow; r <= t.table.lastDataRow; r++) {
      for (const c of t.table.columns) if (c.role === "realisasi" || c.role === "target" || c.role === "capaian") cells.push({ row: r, col: c.col });
    }
  }
  let incremental = 0;
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...cells), typed), { minLength: 1, maxLength: 4 }), (edits) => {
      const changes: CellChange[] = edits.map(([cell, value]) => ({ ...cell, value }));
      const result = reevaluate(first, changes);
      if (result.mode === "incremental") incremental++;
      const fresh = evaluateSheet(applyChanges(base, changes)!);
      expect(reportEvaluation(result.evaluation)).toEqual(reportEvaluation(fresh));
    }),
    { numRuns: 150 },
  );
  // Most edits must take the incremental path, or this test proves nothing about it.
  expect(incremental).toBeGreaterThan(60);
});

test("a single realisation edit re-measures only its own indicator", async () => {
  const base = await sheet("pengukuran-bkpsdm-2024.xlsx", "Pengukuran TW");
  const first = evaluateSheet(base);
  // TW II of row 6 (column G): 55 → 60.
  const result = reevaluate(first, [{ row: 6, col: 7, value: 60 }]);
  expect(result.mode).toBe("incremental");
  expect(result.remeasured).toEqual([6]);
  const row6 = result.evaluation.tables[0].indicators.find((i) => i.typed.row.row === 6)!;
  expect(row6.measurement.periods[1].stated).toBe(60);
  // The other rows are the very same objects as before.
  expect(result.evaluation.tables[0].indicators.filter((i) => i.typed.row.row !== 6)).toEqual(
    first.tables[0].indicators.filter((i) => i.typed.row.row !== 6),
  );
});

test("a component-row edit re-measures its parent indicator", async () => {
  const base = await sheet("pengukuran-bkpsdm-2024.xlsx", "Realisasi Anggaran");
  const first = evaluateSheet(base);
  const result = reevaluate(first, [{ row: 9, col: 9, value: 420 }]); // Jumlah Aset Hasil Rekonsiliasi, TW III
  expect(result.remeasured).toEqual([8]);
  expect(result.evaluation.tables[0].indicators[1].measurement.periods[2].fromComponents).toBe(100);
});

test("editing a name or a header re-evaluates the whole sheet", async () => {
  const base = await sheet("pengukuran-bkpsdm-2024.xlsx", "Pengukuran TW");
  const first = evaluateSheet(base);
  expect(reevaluate(first, [{ row: 6, col: 3, value: "Jumlah dokumen" }]).mode).toBe("full");
  expect(reevaluate(first, [{ row: 4, col: 6, value: "Realisasi TW I" }]).mode).toBe("full");
});

test("a target edit that changes a formula kept in the target cell (seed 001's habit) rebinds the component rows", async () => {
  // Realisasi Anggaran row 5 with its formula moved from D5 into the target cell, on a
  // line below the target (F5 "100%⏎$\frac…$"), as seed 001 writes it; then F5 is
  // overwritten with just "100%": rows 6–7 are no longer components.
  const base = await sheet("pengukuran-bkpsdm-2024.xlsx", "Realisasi Anggaran");
  const [formula, target] = [valueAt(base, 5, 4), valueAt(base, 5, 6)];
  const inTarget = `${String(target)}\n${String(formula)}`;
  const moved = applyChanges(base, [
    { row: 5, col: 4, value: null },
    { row: 5, col: 6, value: inTarget },
  ])!;
  expect(inTarget).toMatch(/^100%\n\$\\frac/);
  const first = evaluateSheet(moved);
  expect(first.tables[0].indicators[0].measurement.components.map((c) => c.row)).toEqual([6, 7]);
  const changes: CellChange[] = [{ row: 5, col: 6, value: "100%" }];
  const result = reevaluate(first, changes);
  const fresh = evaluateSheet(applyChanges(moved, changes)!);
  expect(fresh.tables[0].indicators[0].measurement.components).toEqual([]);
  expect(result.mode).toBe("full");
  expect(reportEvaluation(result.evaluation)).toEqual(reportEvaluation(fresh));
});

test("the read context updated by the edited rows equals the context of the edited sheet, built afresh", async () => {
  const base = await sheet("teks-angka-kesbangpol-2025.xlsx", "Pengukuran TW III");
  const first = evaluateSheet(base);
  const t = first.tables[0];
  const cells = t.table.columns.filter((c) => c.role === "realisasi" || c.role === "target" || c.role === "capaian").flatMap((c) => t.indicators.map((i) => ({ row: i.typed.row.row, col: c.col })));
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.constantFrom(...cells), typed), { minLength: 1, maxLength: 4 }), (edits) => {
      const changes: CellChange[] = edits.map(([cell, value]) => ({ ...cell, value }));
      const result = reevaluate(first, changes);
      const fresh = evaluateSheet(applyChanges(base, changes)!);
      expect(result.evaluation.tables[0].context).toEqual(fresh.tables[0].context);
    }),
    { numRuns: 100 },
  );
});
