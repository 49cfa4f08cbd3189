import type { RawFinding, Rule } from "./types";
import { fmt, fmtId, text } from "./helpers";
import { capaianFor, type CapaianVariant } from "../measure/capaian";
import type { EvaluatedIndicator } from "../evaluate";
import { formulaCells, type CapaianCell, type FormulaCells } from "../measure/measure";
import { describeCells, refKey } from "../measure/formula-reads";
import { refsOf } from "../recognize/formula-refs";
import { valueAt, type SheetSnapshot } from "../snapshot";
import { capaianFormulaFor } from "../measure/native";
import type { RecognizedTable } from "../recognize";

/** The formula behind a capaian, as the officer would write it. */
const FORMULA: Partial<Record<CapaianVariant, string>> = {
  positive: "R/T",
  "negative-inverse": "(2T − R)/T",
  "negative-ratio": "T/R",
};

/** The other conventions a typed figure may follow: the opposite polarity, the other negative formula. */
const CONVENTIONS = [
  { polarity: "positive", negative: "inverse" },
  { polarity: "negative", negative: "inverse" },
  { polarity: "negative", negative: "ratio" },
] as const;

/** The convention other than the row's own under which the typed figure is right, if any. */
function otherConvention(ind: EvaluatedIndicator, typed: number, tolerance: number): CapaianVariant | null {
  const m = ind.measurement;
  if (m.realisasi === null || !m.capaian.variant || !FORMULA[m.capaian.variant]) return null;
  for (const c of CONVENTIONS) {
    const alt = capaianFor({ value: m.realisasi }, m.target, c.polarity, c.negative);
    if (alt.variant && alt.variant !== m.capaian.variant && alt.value !== null && Math.abs(alt.value - typed) <= tolerance) return alt.variant;
  }
  return null;
}

/**
 * What the user's formula reads against what it should: null when it reads the right cells
 * (every cell the computed capaian needs, nothing outside the row's period and target cells
 * but empty ones) or has no formula.
 */
function wrongReads(sheet: SheetSnapshot, cell: CapaianCell & FormulaCells): { reads: string; via: string | null; should: string[]; off: "above" | "below" | null } | null {
  if (!cell.formula) return null;
  const reads = new Set(cell.reads.map(refKey));
  const allowed = new Set(cell.allowed.map(refKey));
  const missing = cell.needed.filter((c) => !reads.has(refKey(c)));
  const stray = cell.reads.filter((c) => !allowed.has(refKey(c)) && (c.sheet !== undefined || valueAt(sheet, c.row, c.col) !== null));
  if (missing.length === 0 && stray.length === 0) return null;
  const rows = new Set(cell.reads.filter((c) => c.sheet === undefined).map((c) => c.row));
  const off = rows.size === 1 && rows.has(cell.row - 1) ? "above" : rows.size === 1 && rows.has(cell.row + 1) ? "below" : null;
  const realisation = new Set(cell.neededRealisation.map(refKey));
  const target = cell.needed.filter((c) => !realisation.has(refKey(c)));
  const should = [describeCells(cell.neededRealisation), describeCells(target)].filter(Boolean);
  // Through a helper cell (a hidden SUM of the months): name the cell the formula itself reads.
  const direct = refsOf(cell.formula, sheet, cell.row, cell.col).filter((r) => r.sheet === null && r.area.top === r.area.bottom && r.area.left === r.area.right);
  const via = direct.filter((r) => !cell.reads.some((c) => c.row === r.area.top && c.col === r.area.left)).map((r) => ({ row: r.area.top, col: r.area.left }));
  return { reads: describeCells(cell.reads), via: via.length ? describeCells(via) : null, should: should, off };
}

/** Cells the formula reads that hold a number typed as text: Excel's arithmetic and SUM skip or misread them. */
function textCells(sheet: SheetSnapshot, cell: FormulaCells): { cells: string; count: number } | null {
  const text = cell.reads.filter((c) => c.sheet === undefined && typeof valueAt(sheet, c.row, c.col) === "string" && /\d/.test(String(valueAt(sheet, c.row, c.col))));
  return text.length ? { cells: describeCells(text), count: text.length } : null;
}

/**
 * The sheet's own capaian differs from the computed one by more than max(0.05, half a unit
 * of the last decimal the cell shows): a cell formatted `0` showing 102 for 101.6 is rounded,
 * not wrong. When the typed figure is right under another polarity convention it is a
 * warning: the row's polarity (read from its name) may be what is wrong, not the arithmetic.
 * When the cell holds the user's own formula, the message says which cells it reads and
 * which it should (a formula copied one row off reads the row above).
 */
export const capaianMismatch: Rule = {
  meta: {
    id: "capaian-mismatch",
    severity: "error",
    category: "measurement",
    description: text("Capaian yang tertulis berbeda dari hasil perhitungan.", "The capaian in the sheet differs from the computed one."),
    docs: "docs/rules/capaian-mismatch.md",
  },
  check({ sheet, evaluated }) {
    return evaluated.indicators.flatMap((ind): RawFinding[] => {
      const m = ind.measurement;
      const cell = m.capaianCell;
      const computed = m.capaian.value;
      if (!cell || cell.reading.value === null || computed === null) return [];
      const typed = cell.reading.value;
      if (Math.abs(typed - computed) <= cell.tolerance) return [];
      const r = m.realisasi ?? 0;
      const used = m.capaian.variant ? FORMULA[m.capaian.variant] : undefined;
      const at = { row: cell.row, col: cell.col, indicatorRow: ind.typed.row.row };
      const other = otherConvention(ind, typed, cell.tolerance);
      if (other) {
        return [
          {
            ...at,
            severity: "warning",
            message: text(
              `Capaian tertulis ${fmtId(typed)}%, hasil perhitungan ${fmtId(computed)}% dengan rumus ${used} (realisasi ${fmtId(r)}). Angka tertulis cocok dengan rumus ${FORMULA[other]}: periksa polaritas indikator ini.`,
              `The capaian says ${fmt(typed)}%; computed with ${used} it is ${fmt(computed)}% (realisation ${fmt(r)}). The typed figure matches ${FORMULA[other]}: check this indicator's polarity.`,
            ),
            suggestion: text(
              `Bila angka tertulis benar, atur polaritas baris ini di panel tugas (${other === "positive" ? "semakin tinggi semakin baik" : "semakin rendah semakin baik"}).`,
              `If the typed figure is right, set this row's polarity in the task pane (${other === "positive" ? "higher is better" : "lower is better"}).`,
            ),
          },
        ];
      }
      const how = used ? { id: `, rumus ${used}`, en: `, formula ${used}` } : { id: "", en: "" };
      const cells = formulaCells(sheet, evaluated.table, m);
      const full = cells ? { ...cell, ...cells } : null;
      const wrong = full ? wrongReads(sheet, full) : null;
      const texts = full ? textCells(sheet, full) : null;
      const reads = wrong
        ? {
            id: ` Rumus sel ini (${cell.formula}) membaca ${wrong.reads}${wrong.via ? ` (melalui ${wrong.via})` : ""}${wrong.off === "above" ? " — baris di atasnya" : wrong.off === "below" ? " — baris di bawahnya" : ""}; seharusnya ${wrong.should.join(" dan ")}.`,
            en: ` The cell's formula (${cell.formula}) reads ${wrong.reads}${wrong.via ? ` (through ${wrong.via})` : ""}${wrong.off === "above" ? ", the row above" : wrong.off === "below" ? ", the row below" : ""}; it should read ${wrong.should.join(" and ")}.`,
          }
        : full
          ? texts
            ? { id: ` Rumus sel ini (${cell.formula}) membaca sel yang benar, tetapi ${texts.cells} berisi angka yang tersimpan sebagai teks, yang tidak dihitung Excel.`, en: ` The cell's formula (${cell.formula}) reads the right cells, but ${texts.cells} ${texts.count === 1 ? "holds a number" : "hold numbers"} stored as text, which Excel does not count.` }
            : { id: ` Rumus sel ini (${cell.formula}) membaca sel yang benar (${describeCells(full.reads)}): periksa perhitungannya.`, en: ` The cell's formula (${cell.formula}) reads the right cells (${describeCells(full.reads)}): check its arithmetic.` }
          : { id: "", en: "" };
      const native = wrong ? nativeFor(sheet, evaluated.table, ind) : null;
      return [
        {
          ...at,
          message: text(
            `Capaian tertulis ${fmtId(typed)}%, hasil perhitungan ${fmtId(computed)}% (realisasi ${fmtId(r)}${how.id}).${reads.id}`,
            `The capaian says ${fmt(typed)}%; computed it is ${fmt(computed)}% (realisation ${fmt(r)}${how.en}).${reads.en}`,
          ),
          ...(native ? { suggestion: text(`Rumus yang sesuai: ${native}`, `A formula that computes it: ${native}`) } : {}),
        },
      ];
    });
  },
};

function nativeFor(sheet: SheetSnapshot, table: RecognizedTable, ind: EvaluatedIndicator): string | null {
  return capaianFormulaFor(sheet, table, ind).formula;
}
