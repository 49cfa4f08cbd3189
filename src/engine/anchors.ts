/**
 * Re-anchoring per-row overrides after rows moved. An override is stored with the sheet,
 * the indicator's first row and the indicator's name when it was made; rows inserted or
 * deleted above a table move the indicator, not the override. Given where each indicator
 * of the sheet is now, an override whose row holds another indicator moves to the row
 * holding its own indicator (found by normalized name); one whose indicator is not on the
 * sheet stays as it is (its table may be back later) and is reported as unmatched. Pure:
 * the Office adapter applies the result in memory and never needs to rewrite the stored
 * part for it while the user edits.
 */
import { normalize } from "./text";

export interface AnchoredOverride<T> {
  sheet: string;
  row: number;
  name: string;
  overrides: T;
}

export interface Reanchored<T> {
  overrides: AnchoredOverride<T>[];
  /** True when at least one override moved. */
  moved: boolean;
  /** Overrides of this sheet whose indicator was not found. */
  unmatched: AnchoredOverride<T>[];
}

/** `indicators`: each indicator of `sheet` now, by its first row and name. */
export function reanchorOverrides<T>(all: readonly AnchoredOverride<T>[], sheet: string, indicators: readonly { row: number; name: string }[]): Reanchored<T> {
  const nameAt = new Map<number, string>();
  const rowOf = new Map<string, number>();
  for (const i of indicators) {
    const n = normalize(i.name);
    nameAt.set(i.row, n);
    if (!rowOf.has(n)) rowOf.set(n, i.row); // the first row of a repeated name wins
  }
  let moved = false;
  const unmatched: AnchoredOverride<T>[] = [];
  const overrides = all.map((o) => {
    if (o.sheet !== sheet || nameAt.get(o.row) === normalize(o.name)) return o;
    const row = rowOf.get(normalize(o.name));
    if (row === undefined) {
      unmatched.push(o);
      return o;
    }
    moved = true;
    return { ...o, row };
  });
  return { overrides, moved, unmatched };
}
