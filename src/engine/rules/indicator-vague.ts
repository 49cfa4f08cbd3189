import type { Rule } from "./types";
import { columnOf, q, text } from "./helpers";
import { displayText } from "../text";
import { COUNT_WORD, STRAY_ROW_NUMBER } from "../vocab";
import { COUNT_UNITS } from "../indicator/kind";

const VAGUE = new RegExp(`^(?:${COUNT_WORD})\\s+([a-z]+)\\s*\\.?$`, "i");

/** `Jumlah` and one unit noun (typos of one letter included: `dokument`). */
function isVague(name: string): boolean {
  const m = VAGUE.exec(name);
  if (!m) return false;
  const w = m[1].toLowerCase();
  return COUNT_UNITS.includes(w) || COUNT_UNITS.some((u) => u.length >= 6 && (w.startsWith(u) || u.startsWith(w)) && Math.abs(w.length - u.length) === 1);
}

/** The name is only `Jumlah` and a unit: an inspector cannot tell what is counted. */
export const indicatorVague: Rule = {
  meta: {
    id: "indicator-vague",
    severity: "info",
    category: "definition",
    description: text("Nama indikator hanya satuan, tanpa objek.", "The indicator name is only a unit, with no object."),
    docs: "docs/rules/indicator-vague.md",
  },
  check({ evaluated }) {
    const nameCol = columnOf(evaluated.table, "indikator")?.col;
    if (nameCol === undefined) return [];
    return evaluated.indicators
      .filter((ind) => isVague(displayText(ind.typed.row.name).replace(STRAY_ROW_NUMBER, "")))
      .map((ind) => ({
        row: ind.typed.row.row,
        col: nameCol,
        indicatorRow: ind.typed.row.row,
        message: text(
          `Indikator ${q(ind.typed.row.name)} tidak menyebut apa yang dihitung.`,
          `Indicator ${q(ind.typed.row.name)} does not say what is counted.`,
        ),
        suggestion: text("Sebutkan objeknya, misalnya \"Jumlah dokumen Renja yang tersusun\".", "Name the object, e.g. \"Jumlah dokumen Renja yang tersusun\"."),
      }));
  },
};
