import type { Rule, RawFinding } from "./types";
import { fmt, fmtId, q, text } from "./helpers";
import { cellAddress } from "../address";
import { formulaAt, isRowHidden, numberFormatAt, valueAt } from "../snapshot";
import { aggregateOf } from "../recognize/formula-refs";
import { readCell, type CellReading } from "../measure/values";
import { displayTolerance } from "../measure/tolerance";
import { annualCapaianColumn } from "../measure/periods";
import type { EvaluatedIndicator } from "../evaluate";
import type { TableColumn } from "../recognize";

function columnName(c: TableColumn): { id: string; en: string } {
  const role = c.role === "realisasi" ? { id: "realisasi", en: "realisation" } : c.role === "target" ? { id: "target", en: "target" } : { id: "capaian", en: "capaian" };
  return c.period && c.period !== "Tahunan" ? { id: `${role.id} ${c.period}`, en: `${c.period} ${role.en}` } : role;
}

/** The engine's reading of one cell of a column on an indicator's first row (its own capaian for the capaian column). */
function engineValue(ind: EvaluatedIndicator | undefined, c: TableColumn, capaianCol: number | null, fallback: CellReading): { value: number | null; known: boolean } {
  if (!ind) return { value: fallback.value, known: fallback.status !== "not-numeric" && fallback.status !== "error" && fallback.status !== "word" && fallback.status !== "date" };
  const m = ind.measurement;
  if (c.col === capaianCol) return { value: m.capaian.value, known: m.capaian.value !== null || fallback.value === null };
  const period = m.periods.find((p) => p.col === c.col);
  if (period?.reading) return { value: period.reading.value, known: period.reading.status !== "not-numeric" && period.reading.status !== "error" && period.reading.status !== "word" && period.reading.status !== "date" };
  const summary = m.summaries.find((s) => s.col === c.col);
  if (summary) return { value: summary.reading.value, known: true };
  if (c.role === "target") {
    const t = ind.typed.targets[c.period ?? "Tahunan"];
    if (t) return { value: t.form === "range" ? null : t.value, known: t.form !== "unparsed" && t.form !== "range" && t.form !== "grade" };
  }
  return { value: fallback.value, known: true };
}

/**
 * A closing row's total or average (`JUMLAH` = SUM per month, `Rata-rata Capaian` =
 * AVERAGE of the capaian column, an Excel Table's totals row) that differs from the same
 * aggregate over the engine's own readings: numbers typed as text (Excel's SUM skips them),
 * rows the range leaves out, capaian the engine computes differently. Info: the row is the
 * user's summary, not an indicator.
 */
export const totalRowMismatch: Rule = {
  meta: {
    id: "total-row-mismatch",
    severity: "info",
    category: "measurement",
    description: text("Jumlah atau rata-rata pada baris penutup tabel berbeda dari hasil perhitungan.", "A total or average row of the table differs from the computed one."),
    docs: "docs/rules/total-row-mismatch.md",
  },
  check({ sheet, evaluated }) {
    const table = evaluated.table;
    if (table.closingRows.length === 0) return [];
    const byRow = new Map(evaluated.indicators.map((i) => [i.typed.row.row, i]));
    const indicatorRows = evaluated.indicators.map((i) => i.typed.row.row);
    const capaianCol = annualCapaianColumn(table)?.col ?? null;
    const out: RawFinding[] = [];
    for (const closing of table.closingRows) {
      for (const c of table.columns) {
        if (c.role !== "realisasi" && c.role !== "target" && c.role !== "capaian") continue;
        const raw = valueAt(sheet, closing.row, c.col);
        if (raw === null) continue;
        const format = numberFormatAt(sheet, closing.row, c.col);
        const user = readCell(raw, format);
        if (user.value === null) continue;
        const formula = formulaAt(sheet, closing.row, c.col);
        let fn: "sum" | "average";
        let rows: number[];
        let missing: number[] = [];
        if (formula) {
          const agg = aggregateOf(formula, sheet, closing.row, c.col);
          if (!agg || agg.ref.sheet !== null || agg.ref.area.left !== c.col || agg.ref.area.right !== c.col) continue;
          if (agg.fn !== "sum" && agg.fn !== "average") continue;
          fn = agg.fn;
          const { top, bottom } = agg.ref.area;
          rows = [];
          for (let r = Math.max(top, table.firstDataRow); r <= Math.min(bottom, table.lastDataRow); r++) {
            // SUBTOTAL(101…) leaves hidden rows out, as Excel does; SUM and AVERAGE count them.
            if (agg.ignoresHidden && isRowHidden(sheet, r)) continue;
            if (valueAt(sheet, r, c.col) !== null || byRow.has(r)) rows.push(r);
          }
          missing = indicatorRows.filter((r) => (r < top || r > bottom) && valueAt(sheet, r, c.col) !== null);
          rows.push(...missing);
        } else {
          if (!closing.labelFn) continue;
          fn = closing.labelFn;
          rows = indicatorRows;
        }
        const values: number[] = [];
        const textCells: number[] = [];
        const differing: number[] = [];
        let uncertain = false;
        for (const r of rows) {
          const cellRaw = valueAt(sheet, r, c.col);
          const reading = readCell(cellRaw, numberFormatAt(sheet, r, c.col));
          const e = engineValue(byRow.get(r), c, capaianCol, reading);
          if (!e.known) {
            uncertain = true;
            break;
          }
          if (e.value === null) continue;
          values.push(e.value);
          if (reading.status === "text-number") textCells.push(r);
          else if (c.col === capaianCol && reading.value !== null && Math.abs(reading.value - e.value) > displayTolerance(reading, numberFormatAt(sheet, r, c.col))) differing.push(r);
        }
        if (uncertain || values.length === 0) continue;
        const engine = fn === "sum" ? values.reduce((s, v) => s + v, 0) : values.reduce((s, v) => s + v, 0) / values.length;
        if (Math.abs(user.value - engine) <= displayTolerance(user, format)) continue;
        const label = closing.label ? q(closing.label, 40) : cellAddress(closing.row, c.col);
        const name = columnName(c);
        const fnText = fn === "sum" ? { id: "jumlah", en: "total" } : { id: "rata-rata", en: "average" };
        const causes: { id: string; en: string }[] = [];
        if (textCells.length > 0) {
          const cells = textCells.map((r) => cellAddress(r, c.col)).join(", ");
          causes.push({ id: `sel teks ${cells} tidak dihitung Excel`, en: `Excel leaves out the text cells ${cells}` });
        }
        if (missing.length > 0) {
          const cells = missing.map((r) => cellAddress(r, c.col)).join(", ");
          causes.push({ id: `rumus ${formula} tidak mencakup ${cells}`, en: `the formula ${formula} does not cover ${cells}` });
        }
        if (differing.length > 0) {
          const cells = differing.map((r) => cellAddress(r, c.col)).join(", ");
          causes.push({ id: `capaian di ${cells} berbeda dari hasil perhitungan`, en: `the capaian in ${cells} differs from the computed one` });
        }
        const because = causes.length ? { id: `: ${causes.map((x) => x.id).join("; ")}`, en: `: ${causes.map((x) => x.en).join("; ")}` } : { id: "", en: "" };
        out.push({
          row: closing.row,
          col: c.col,
          message: text(
            `Baris ${label}: ${fnText.id} ${name.id} tertulis ${fmtId(user.value)}, hasil perhitungan ${fmtId(engine)}${because.id}.`,
            `Row ${label}: the ${fnText.en} of the ${name.en} says ${fmt(user.value)}; computed it is ${fmt(engine)}${because.en}.`,
          ),
        });
      }
    }
    return out;
  },
};
