/**
 * A column whose header cell is empty (lost in conversion, or a merged neighbour) but
 * whose cells read as definitions (`Makna Indikator : …`, `Cara Hitung : …`) is the
 * formula column: seed 004's IKU tables carry their Cara Hitung under a blank header.
 */
import type { TextGrid } from "./grid";
import type { TableColumn } from "./types";

const DEFINITION = /makna indikator|cara hitung|formulasi|rumus|definisi operasional|alasan pemilihan|asas pemilihan/;

export function inferUnnamedColumns(
  grid: TextGrid,
  columns: readonly TableColumn[],
  left: number,
  right: number,
  dataRows: readonly number[],
): TableColumn[] {
  if (columns.some((c) => c.role === "formula")) return [...columns];
  const out = [...columns];
  for (let col = left; col <= right; col++) {
    if (columns.some((c) => c.col === col)) continue;
    const texts = dataRows.map((r) => grid.norm(r, col)).filter((t) => t !== "");
    if (texts.length === 0) continue;
    const definitions = texts.filter((t) => DEFINITION.test(t)).length;
    if (definitions * 2 >= texts.length) {
      out.push({ col, role: "formula", period: null, runningTotal: false, header: "" });
    }
  }
  return out.sort((a, b) => a.col - b.col);
}
