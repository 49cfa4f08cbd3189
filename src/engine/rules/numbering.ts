import type { Rule, RawFinding } from "./types";
import { columnOf, q, text } from "./helpers";
import { displayText } from "../text";

/** Row numbers that repeat, skip, go back, or carry stray characters (`1\``). */
export const numbering: Rule = {
  meta: {
    id: "numbering",
    severity: "warning",
    category: "definition",
    description: text("Penomoran baris berulang, melompat atau salah ketik.", "Row numbers repeat, skip or are mistyped."),
    docs: "docs/rules/numbering.md",
  },
  check({ evaluated }) {
    const col = columnOf(evaluated.table, "no")?.col;
    if (col === undefined) return [];
    const out: RawFinding[] = [];
    let prev: number | null = null;
    let seen = new Set<number>();
    let lastRow = evaluated.table.headerBottom;
    let lastNumbered = lastRow;
    // A hidden row between two numbers (filtered out, or put away) may hold the missing one.
    const hidden = evaluated.table.hiddenRows;
    const hiddenBetween = (a: number, b: number): boolean => hidden.some((r) => r > a && r < b);
    for (const ind of evaluated.indicators) {
      // A section label (`KASUBBAG …`) between two rows starts a new numbering.
      if (evaluated.table.sectionRows.some((r) => r > lastRow && r < ind.typed.row.row)) {
        prev = null;
        seen = new Set<number>();
      }
      lastRow = ind.typed.row.row;
      const raw = displayText(ind.typed.row.no ?? "");
      if (!raw) continue;
      // Sub-numbers (`1.1`, `2.3.1`) number rows inside a main row: they are not mistyped,
      // and the main sequence continues after them.
      if (/^\d{1,3}(?:\.\d{1,3})+\.?$/.test(raw)) continue;
      const m = /^(\d{1,3})(\.?)$/.exec(raw);
      const n = Number(/^\d{1,3}/.exec(raw)?.[0] ?? NaN);
      const at = { row: ind.typed.row.row, col, indicatorRow: ind.typed.row.row };
      if (!m) {
        out.push({ ...at, message: text(`Nomor ${q(raw)} salah ketik.`, `The number ${q(raw)} is mistyped.`), suggestion: text(`Tulis ${Number.isNaN(n) ? "angkanya saja" : n}.`, `Write ${Number.isNaN(n) ? "the number alone" : n}.`) });
      } else if (prev !== null && n === prev) {
        out.push({ ...at, message: text(`Nomor ${n} dipakai dua kali berturut-turut.`, `Number ${n} is used twice in a row.`) });
      } else if (prev !== null && n < prev) {
        out.push({ ...at, message: text(`Nomor ${n} kembali ke belakang setelah ${prev}.`, `Number ${n} goes back after ${prev}.`) });
        // The numbering starts again from here: later numbers are read against the new run.
        seen = new Set<number>();
      } else if (seen.has(n)) {
        out.push({ ...at, message: text(`Nomor ${n} sudah dipakai di baris sebelumnya.`, `Number ${n} is used twice.`) });
      } else if (prev !== null && n > prev + 1 && !hiddenBetween(lastNumbered, ind.typed.row.row)) {
        out.push({ ...at, message: text(`Nomor melompat dari ${prev} ke ${n}.`, `Numbering jumps from ${prev} to ${n}.`) });
      }
      if (!Number.isNaN(n)) {
        seen.add(n);
        prev = n;
        lastNumbered = ind.typed.row.row;
      }
    }
    return out;
  },
};
