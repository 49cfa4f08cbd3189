/**
 * Fuzzing the whole pipeline (snapshot → tables → indicators → measurement → findings)
 * with fast-check: real fixture sheets with random cells overwritten, random merges and
 * rows dropped. It never throws, it is deterministic, and every finding points at a cell
 * inside one of the recognised tables.
 */
import fc from "fast-check";
import { evaluateSheet } from "../../src/engine/evaluate";
import { runRules } from "../../src/engine/rules";
import { reportEvaluation } from "../../src/engine/report";
import type { Area, CellValue, SheetSnapshot } from "../../src/engine/snapshot";
import { loadWorkbook } from "../support/fixtures";
import { gridOf, withGrid } from "../support/grid";

const SOURCES: [string, string][] = [
  ["seed-002-iki-kesbangpol-kukar-2025.xlsx", "Sekretaris"],
  ["seed-001-iku-iki-bkpsdm-paser.xlsx", "IKU"],
  ["seed-004-iku-setda-balangan-2021-2026.xlsx", "IKU Bagian"],
  ["pengukuran-bkpsdm-2024.xlsx", "Pengukuran TW"],
  ["evaluasi-renja-kesbangpol-2025.xlsx", "Evaluasi Renja TW"],
];

const cellValue: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -1000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom<CellValue>("No", "INDIKATOR KINERJA", "Target", "TW I", "s.d. TW II", "Jabatan : X", "1`", "B (80)", "tiga", "$\\frac{a}{b}$", { error: "#REF!" }, true),
);

interface Mutation {
  cells: [number, number, CellValue][];
  merges: [number, number, number, number][];
  dropRows: number[];
}

function mutate(base: SheetSnapshot, m: Mutation): SheetSnapshot {
  const grid = gridOf(base);
  const values = grid.values;
  const h = values.length;
  const w = values[0]?.length ?? 0;
  for (const [r, c, v] of m.cells) if (h && w) values[r % h][c % w] = v;
  const drop = new Set(m.dropRows.map((r) => (h ? r % h : 0)));
  const kept = values.filter((_, i) => !drop.has(i));
  const merges: Area[] = m.merges.map(([a, b, c, d]) => {
    const top = grid.origin.row + (a % Math.max(1, kept.length));
    const left = grid.origin.col + (b % Math.max(1, w));
    return { top, left, bottom: top + (c % 3), right: left + (d % 3) };
  });
  return withGrid(base, { origin: grid.origin, values: kept }, [...base.merges, ...merges]);
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  cells: fc.array(fc.tuple(fc.nat(), fc.nat(), cellValue), { maxLength: 30 }),
  merges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 4 }),
  dropRows: fc.array(fc.nat(), { maxLength: 5 }),
});

test.each(SOURCES)("%s / %s: never throws, deterministic, findings inside tables", async (workbook, name) => {
  const base = (await loadWorkbook(workbook)).sheets.find((s) => s.name === name)!;
  fc.assert(
    fc.property(mutation, (m) => {
      const sheet = mutate(base, m);
      const ev = evaluateSheet(sheet);
      const findings = runRules(ev);
      // Deterministic: the same snapshot gives the same report and findings.
      const again = evaluateSheet(sheet);
      expect(reportEvaluation(again)).toEqual(reportEvaluation(ev));
      expect(runRules(again)).toEqual(findings);
      for (const f of findings) {
        const inside = ev.tables.some(
          (t) => f.row >= t.table.headerTop && f.row <= t.table.lastDataRow && f.col >= t.table.left && f.col <= t.table.right,
        );
        expect({ cell: f.cell, rule: f.rule, inside }).toEqual({ cell: f.cell, rule: f.rule, inside: true });
      }
    }),
    { numRuns: 30 },
  );
});
