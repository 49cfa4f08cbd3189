/**
 * Synthetic measurement sheets for the benchmarks: indicator rows sampled from the seed
 * fixtures (real names, sasaran, formula texts and targets), realisation per quarter
 * added, laid out as a pengukuran sheet with a capaian column.
 */
import path from "path";
import { readWorkbookFile } from "../src/xlsx/read-workbook";
import { recognizeSheet } from "../src/engine/recognize";
import { typeRow } from "../src/engine/indicator";
import type { CellValue, SheetSnapshot } from "../src/engine/snapshot";
import { sheetFromGrid } from "../test/support/grid";

export interface SampleRow {
  sasaran: string;
  name: string;
  formula: string;
  target: string | number;
  kind: string;
  targetValue: number | null;
}

const FIXTURES = path.join(__dirname, "..", "test", "fixtures", "workbooks");

/** Rows of the seed fixtures that have a target: seed 001's IKI tables and the measurement sheets. */
export async function sampleRows(): Promise<SampleRow[]> {
  const out: SampleRow[] = [];
  for (const f of ["seed-001-iku-iki-bkpsdm-paser.xlsx", "pengukuran-bkpsdm-2024.xlsx"]) {
    const wb = await readWorkbookFile(path.join(FIXTURES, f));
    for (const sheet of wb.sheets) {
      for (const table of recognizeSheet(sheet)) {
        const formulaCol = table.columns.find((c) => c.role === "formula")?.col;
        for (const ind of table.indicators) {
          const typed = typeRow(sheet, table, ind);
          const t = typed.target;
          if (!t || t.value === null || t.form === "unparsed") continue;
          out.push({
            sasaran: ind.sasaran ?? "",
            name: ind.name,
            formula: formulaCol ? (ind.cells[formulaCol] ?? "") : "",
            target: t.text,
            kind: typed.type.kind,
            targetValue: t.value,
          });
        }
      }
    }
  }
  return out;
}

/** A deterministic pseudo-random generator (mulberry32), so every run builds the same sheets. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const HEADER = ["No", "Sasaran", "Indikator Kinerja", "Formula", "Target", "TW I", "TW II", "TW III", "TW IV", "Capaian (%)"];
export const FIRST_DATA_ROW = 5;

/** Realisation values for one row's four quarters, plausible for its kind. */
function quarters(row: SampleRow, rnd: () => number): number[] {
  const t = row.targetValue ?? 100;
  if (row.kind === "count") return [0, 1, 2, 3].map(() => Math.round((t / 4) * (0.6 + rnd() * 0.8)));
  return [0.3, 0.55, 0.8, 1].map((f) => Math.round(t * f * (0.85 + rnd() * 0.3) * 100) / 100);
}

/** The sheet as a snapshot: title, Jabatan line, header, n indicator rows. */
export function syntheticSheet(rows: SampleRow[], n: number, seed = 1): SheetSnapshot {
  const rnd = random(seed);
  const values: CellValue[][] = [
    ["PENGUKURAN KINERJA TRIWULAN (SINTETIS)", null, null, null, null, null, null, null, null, null],
    ["Jabatan : Kepala Sub Bagian Perencanaan dan Keuangan", null, null, null, null, null, null, null, null, null],
    Array(10).fill(null),
    HEADER.slice(),
  ];
  for (let i = 0; i < n; i++) {
    const r = rows[Math.floor(rnd() * rows.length)];
    const q = quarters(r, rnd);
    const sum = q.reduce((a, b) => a + b, 0);
    values.push([i + 1, r.sasaran, r.name, r.formula, r.target, q[0], q[1], q[2], q[3], Math.round((sum / (r.targetValue || 1)) * 10000) / 100]);
  }
  return sheetFromGrid("Pengukuran", { row: 1, col: 1 }, values);
}
