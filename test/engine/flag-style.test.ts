/**
 * The flag dialect shared by the add-in and the annotated copies, on the findings of a
 * real fixture (seed 002's Kesbangpol IKI sheets: hundreds of findings, all severities).
 */
import { checkWorkbook } from "../../src/engine/report";
import {
  CELLS_PER_FORMAT,
  findingsSheetTitle,
  isFindingsSheetTitle,
  markerFormula,
  noteContent,
  parseMarkerFormula,
  parseNoteCell,
  planFlags,
} from "../../src/engine/flag-style";
import { loadWorkbook } from "../support/fixtures";

async function seed002Findings() {
  const report = checkWorkbook(await loadWorkbook("seed-002-iki-kesbangpol-kukar-2025.xlsx"));
  const bySheet = new Map<string, typeof report.findings>();
  for (const f of report.findings) bySheet.set(f.sheet, [...(bySheet.get(f.sheet) ?? []), f]);
  return [...bySheet.values()].sort((a, b) => b.length - a.length)[0];
}

test("marker formulas and note headers read back what was written", () => {
  const f = markerFormula("warning", "1x9z");
  expect(f).toBe('="IKI Checker:warning:1x9z"="IKI Checker:warning:1x9z"');
  expect(parseMarkerFormula(f)).toEqual({ severity: "warning", hash: "1x9z" });
  // OOXML stores the formula without "=".
  expect(parseMarkerFormula(f.slice(1))).toEqual({ severity: "warning", hash: "1x9z" });
  expect(parseMarkerFormula('"IKI Checker:warning:1x9z"="IKI Checker:error:1x9z"')).toBeNull();
  expect(parseMarkerFormula("=$K5>100")).toBeNull();
  expect(parseNoteCell("[IKI Checker K14]\nGalat realisasi-not-numeric: …")).toBe("K14");
  expect(parseNoteCell("Sudah dikonfirmasi ke Bagian Keuangan")).toBeNull();
  expect(isFindingsSheetTitle(findingsSheetTitle("id"))).toBe(true);
  expect(isFindingsSheetTitle(findingsSheetTitle("en"))).toBe(true);
  expect(isFindingsSheetTitle("Temuan")).toBe(false);
});

test("every flagged cell is in exactly one format of its worst severity; notes name their cell", async () => {
  const findings = await seed002Findings();
  expect(findings.length).toBeGreaterThan(200);
  const plan = planFlags(findings, "id");
  const cells = new Set(findings.map((f) => f.cell));
  const covered = plan.formats.flatMap((g) => g.cells);
  expect(new Set(covered).size).toBe(covered.length);
  expect(new Set(covered)).toEqual(cells);
  for (const g of plan.formats) {
    expect(g.cells.length).toBeLessThanOrEqual(CELLS_PER_FORMAT);
    for (const cell of g.cells) {
      const own = findings.filter((f) => f.cell === cell).map((f) => f.severity);
      const worst = own.includes("error") ? "error" : own.includes("warning") ? "warning" : "info";
      expect(g.severity).toBe(worst);
    }
  }
  for (const [cell, text] of plan.notes) {
    expect(parseNoteCell(text)).toBe(cell);
    expect(text).toBe(noteContent(cell, findings.filter((f) => f.cell === cell), "id"));
  }
  expect(plan.beyondNoteCap).toEqual([]);
});

test("past the note cap errors keep their notes first; every cell keeps its colour", async () => {
  const findings = await seed002Findings();
  const cap = 25;
  const plan = planFlags(findings, "en", cap);
  expect(plan.notes.size).toBe(cap);
  const cells = new Set(findings.map((f) => f.cell));
  expect(plan.notes.size + plan.beyondNoteCap.length).toBe(cells.size);
  expect(new Set(plan.formats.flatMap((g) => g.cells))).toEqual(cells);
  const errorCells = new Set(findings.filter((f) => f.severity === "error").map((f) => f.cell));
  const noted = [...plan.notes.keys()];
  // The first notes go to error cells, as long as there are error cells left.
  const expectedErrors = Math.min(cap, errorCells.size);
  expect(noted.filter((c) => errorCells.has(c)).length).toBe(expectedErrors);
  expect([...plan.notes.values()].every((t) => !/\bGalat\b/.test(t))).toBe(true);
});
