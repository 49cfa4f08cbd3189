/**
 * The bindings as the session applies them: the engine's settings and overrides from the
 * stored bindings, the recognised tables to store, and the bindings after sheets were
 * renamed (every entry follows its sheet). Pure; the part itself is read and written by
 * bindings.ts in the session's syncs.
 */
import { overrideKey, type EvaluationSettings, type SheetEvaluation } from "../engine/evaluate";
import type { RowOverrides } from "../engine/measure/measure";
import { rangeAddress } from "../engine/address";
import type { Bindings, BoundTable } from "./bindings";

export function settingsOf(b: Bindings, overrides: Record<string, RowOverrides>): EvaluationSettings {
  return { bandSet: b.settings.bandSet, negativeFormula: b.settings.negativeFormula, overrides };
}

export function overridesByKey(b: Bindings): Record<string, RowOverrides> {
  const out: Record<string, RowOverrides> = {};
  for (const o of b.overrides) out[overrideKey(o.sheet, o.row)] = o.overrides;
  return out;
}

export function tablesOf(evaluations: readonly SheetEvaluation[]): BoundTable[] {
  return evaluations.flatMap((e) =>
    e.tables.map((t) => ({
      sheet: e.sheet.name,
      header: rangeAddress(t.table.headerTop, t.table.left, t.table.headerBottom, t.table.right),
      data: rangeAddress(t.table.firstDataRow, t.table.left, t.table.lastDataRow, t.table.right),
      kind: t.table.kind,
    })),
  );
}

/** The bindings with every sheet name passed through `rename` (tables, overrides, ignored keys). */
export function renamedBindings(b: Bindings, rename: (name: string) => string): Bindings {
  return {
    ...b,
    tables: b.tables.map((t) => ({ ...t, sheet: rename(t.sheet) })),
    overrides: b.overrides.map((o) => ({ ...o, sheet: rename(o.sheet) })),
    ignored: b.ignored.map((k) => {
      // `rule@sheet!cell`: the sheet is between the first "@" and the last "!".
      const at = k.indexOf("@");
      const bang = k.lastIndexOf("!");
      return `${k.slice(0, at)}@${rename(k.slice(at + 1, bang))}${k.slice(bang)}`;
    }),
  };
}
