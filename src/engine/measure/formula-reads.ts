/**
 * Which cells a user's own formula reads, through helper cells: `=Q10/E10*100` where the
 * hidden Q10 is `=SUM(J10:M10)` reads J10:M10 and E10. A referenced cell that holds a
 * formula is followed (three levels at most, 200 cells at most) unless it is one of the
 * cells the engine itself reads (a realisation computed by its own formula is a value).
 */
import { cellAddress } from "../address";
import { formulaAt, type SheetSnapshot } from "../snapshot";
import { refsOf } from "../recognize/formula-refs";

export interface CellRef {
  row: number;
  col: number;
  /** Another sheet's name, when the formula reads across sheets. */
  sheet?: string;
}

const MAX_CELLS = 200;

export function refKey(c: CellRef): string {
  return `${c.sheet ?? ""}!${c.row}:${c.col}`;
}

export function formulaReads(formula: string, sheet: SheetSnapshot, row: number, col: number, stopAt: readonly CellRef[]): CellRef[] {
  const stop = new Set(stopAt.map(refKey));
  const out = new Map<string, CellRef>();
  const visited = new Set<string>([refKey({ row, col })]);
  const walk = (f: string, r: number, c: number, depth: number): void => {
    for (const ref of refsOf(f, sheet, r, c)) {
      for (let y = ref.area.top; y <= ref.area.bottom; y++) {
        for (let x = ref.area.left; x <= ref.area.right; x++) {
          if (out.size + visited.size > MAX_CELLS) return;
          const cell: CellRef = ref.sheet ? { row: y, col: x, sheet: ref.sheet } : { row: y, col: x };
          const key = refKey(cell);
          if (visited.has(key) || out.has(key)) continue;
          const inner = ref.sheet || stop.has(key) || depth >= 3 ? null : formulaAt(sheet, y, x);
          if (inner) {
            visited.add(key);
            walk(inner, y, x, depth + 1);
          } else out.set(key, cell);
        }
      }
    }
  };
  walk(formula, row, col, 0);
  return [...out.values()].sort((a, b) => (a.sheet ?? "").localeCompare(b.sheet ?? "") || a.row - b.row || a.col - b.col);
}

/** `J10:M10, E10` — cells in A1 form, runs along a row joined into ranges. */
export function describeCells(cells: readonly CellRef[]): string {
  const sorted = [...cells].sort((a, b) => (a.sheet ?? "").localeCompare(b.sheet ?? "") || a.row - b.row || a.col - b.col);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1].sheet === sorted[i].sheet && sorted[j + 1].row === sorted[i].row && sorted[j + 1].col === sorted[j].col + 1) j++;
    const prefix = sorted[i].sheet ? `'${sorted[i].sheet}'!` : "";
    const a = cellAddress(sorted[i].row, sorted[i].col);
    parts.push(j > i + 1 ? `${prefix}${a}:${cellAddress(sorted[j].row, sorted[j].col)}` : j === i + 1 ? `${prefix}${a}, ${prefix}${cellAddress(sorted[j].row, sorted[j].col)}` : `${prefix}${a}`);
    i = j + 1;
  }
  return parts.join(", ");
}
