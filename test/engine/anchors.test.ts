/** Re-anchoring overrides: rows of the seed fixture's measurement table moved by an insert. */
import { reanchorOverrides } from "../../src/engine/anchors";
import { checkWorkbook } from "../../src/engine/report";
import { loadWorkbook } from "../support/fixtures";

describe("reanchorOverrides", () => {
  it("moves an override to the row its indicator moved to, keeps the others, reports the unmatched", async () => {
    const report = checkWorkbook(await loadWorkbook("pengukuran-bkpsdm-2024.xlsx"));
    const table = report.sheets.find((s) => s.name === "Pengukuran TW")!.tables[0];
    const [first, second] = table.indicators;
    const before: { sheet: string; row: number; name: string; overrides: Record<string, string> }[] = [
      { sheet: "Pengukuran TW", row: first.row, name: first.name, overrides: { polarity: "negative" } },
      { sheet: "Pengukuran TW", row: second.row, name: second.name, overrides: { kind: "ratio" } },
      { sheet: "Pengukuran TW", row: 90, name: "Indikator yang dihapus", overrides: { kind: "count" } },
      { sheet: "Lain", row: first.row, name: first.name, overrides: { kind: "count" } },
    ];
    // Two rows inserted above the table: every indicator two rows lower.
    const now = table.indicators.map((i) => ({ row: i.row + 2, name: i.name }));
    const r = reanchorOverrides(before, "Pengukuran TW", now);
    expect(r.moved).toBe(true);
    expect(r.overrides.map((o) => o.row)).toEqual([first.row + 2, second.row + 2, 90, first.row]);
    expect(r.unmatched.map((o) => o.name)).toEqual(["Indikator yang dihapus"]);
    // Names compare normalized (case, spaces).
    const same = reanchorOverrides(before.slice(0, 1), "Pengukuran TW", [{ row: first.row, name: `  ${first.name.toUpperCase()} ` }]);
    expect(same.moved).toBe(false);
    expect(same.overrides[0]).toBe(before[0]);
  });
});
