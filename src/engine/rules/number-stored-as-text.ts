import type { Rule, RawFinding } from "./types";
import { q, text } from "./helpers";
import { readCell, type CellReading } from "../measure/values";
import { numberFormatAt, valueAt } from "../snapshot";
import type { Ambiguity } from "../indicator/target";

/** Why an ambiguous text was read the way it was, in both languages. */
const WHY: Record<Ambiguity["reason"], { id: string; en: string }> = {
  scale: { id: "sesuai skala indikator", en: "it fits the indicator's scale" },
  target: { id: "sesuai besaran targetnya", en: "it fits the size of the target" },
  row: { id: "sesuai besaran periode lain pada baris ini", en: "it fits the row's other periods" },
  numberFormat: { id: "sesuai format angka sel", en: "per the cell's number format" },
  column: { id: "sesuai cara penulisan angka lain di kolom ini", en: "the column's other numbers are typed that way" },
  smallScale: { id: "skor berskala kecil", en: "a small-scale score" },
  thousandsDot: { id: "titik dibaca sebagai pemisah ribuan, cara menulis angka di Indonesia", en: "the dot read as a thousands separator, as Indonesian writing has it" },
  decimalComma: { id: "koma dibaca sebagai tanda desimal", en: "the comma read as the decimal separator" },
  percent: { id: "persentase di atas 1.000 tidak masuk akal", en: "a percentage above 1,000 makes no sense" },
};

/** A number for a message without grouping (so `1250` cannot be misread again), up to four decimals. */
const plainId = (v: number): string => String(Math.round(v * 1e4) / 1e4).replace(".", ",");
const plainEn = (v: number): string => String(Math.round(v * 1e4) / 1e4);

function message(label: { id: string; en: string }, r: CellReading): { id: string; en: string } {
  const value = r.value as number;
  const unit = r.unit ? ` (${r.unit})` : "";
  const pct = r.percentText ? "%" : "";
  if (r.ambiguity) {
    const a = r.ambiguity;
    return text(
      `${label.id} ${q(r.text)} tersimpan sebagai teks; dibaca ${plainId(a.chosen)}${pct}${unit}, bukan ${plainId(a.other)}: ${WHY[a.reason].id}.`,
      `${label.en} ${q(r.text)} is stored as text; read as ${plainEn(a.chosen)}${pct}${unit}, not ${plainEn(a.other)}: ${WHY[a.reason].en}.`,
    );
  }
  return text(`${label.id} ${q(r.text)} tersimpan sebagai teks; dibaca ${plainId(value)}${pct}${unit}.`, `${label.en} ${q(r.text)} is stored as text; read as ${plainEn(value)}${pct}${unit}.`);
}

/**
 * A realisation typed as text that the engine reads as a number (`'85`, `18,5`, `1.250`,
 * `Rp 1.250.000`, `84,5%`, `12 dokumen`). Always info: the figure is used. Excel itself does
 * not add such cells up, and an ambiguous one (`1.250`) is read one way, said here.
 */
export const numberStoredAsText: Rule = {
  meta: {
    id: "number-stored-as-text",
    severity: "info",
    category: "measurement",
    description: text("Angka realisasi tersimpan sebagai teks.", "A realisation number is stored as text."),
    docs: "docs/rules/number-stored-as-text.md",
  },
  check({ sheet, evaluated }) {
    return evaluated.indicators.flatMap((ind) => {
      const row = ind.typed.row.row;
      const out: RawFinding[] = [];
      const add = (col: number | null, label: { id: string; en: string }, r: CellReading | null): void => {
        if (col === null || !r || r.status !== "text-number" || r.value === null) return;
        out.push({
          row,
          col,
          indicatorRow: row,
          message: message(label, r),
          suggestion: text(
            `Ketik sebagai angka${r.unit ? " (satuannya di kolom Satuan)" : ""}, dengan pemisah desimal sesuai pengaturan Excel, agar Excel juga dapat menjumlahkannya.`,
            `Type it as a number${r.unit ? " (the unit belongs in the Satuan column)" : ""}, with the workbook's decimal separator, so Excel can add it up too.`,
          ),
        });
      };
      const periods = ind.measurement.periods;
      for (const p of periods) add(p.col, { id: `Realisasi ${p.period}`, en: `The ${p.period} realisation` }, p.reading);
      for (const s of ind.measurement.summaries) add(s.col, { id: `Realisasi ${s.period}`, en: `The ${s.period} realisation` }, s.reading);
      // The rincian rows under the indicator: the formula's components, per period.
      for (const c of ind.measurement.components) {
        for (const p of periods) {
          if (p.col === null) continue;
          const r = readCell(valueAt(sheet, c.row, p.col), numberFormatAt(sheet, c.row, p.col));
          const before = out.length;
          add(p.col, { id: `${c.name} ${p.period}`, en: `${c.name}, ${p.period},` }, r);
          for (let k = before; k < out.length; k++) out[k] = { ...out[k], row: c.row };
        }
      }
      return out;
    });
  },
};
