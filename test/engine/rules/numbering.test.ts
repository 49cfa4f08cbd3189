/**
 * numbering on Pengukuran TW (rows 5–18 numbered 1–14): sub-numbers inside a main row
 * (`1.1`, `1.2`) are accepted; a mistyped number still is not.
 */
import { evaluateSheet } from "../../../src/engine/evaluate";
import { runRules } from "../../../src/engine/rules";
import { applyChanges } from "../../../src/engine/incremental";
import type { CellValue, SheetSnapshot } from "../../../src/engine/snapshot";
import { loadWorkbook } from "../../support/fixtures";

/** The sheet with column A of the given rows retyped. */
async function renumbered(numbers: Record<number, CellValue>): Promise<SheetSnapshot> {
  const sheet = (await loadWorkbook("pengukuran-bkpsdm-2024.xlsx")).sheets.find((s) => s.name === "Pengukuran TW")!;
  return applyChanges(sheet, Object.entries(numbers).map(([row, value]) => ({ row: Number(row), col: 1, value })))!;
}

const numberingFindings = (s: SheetSnapshot) =>
  runRules(evaluateSheet(s))
    .filter((f) => f.rule === "numbering")
    .map((f) => `${f.cell} ${f.messages.id}`);

test("the fixture's own numbering 1–14 raises nothing", async () => {
  expect(numberingFindings(await renumbered({}))).toEqual([]);
});

test("1, 1.1, 1.2, 2, 3 … : sub-numbers are not mistyped and the main sequence goes on", async () => {
  // Rows 6–7 become 1.1 and 1.2 under row 5's 1; the main rows after them (8–18, numbered
  // 4–14) are renumbered 2–12.
  const after = Object.fromEntries(Array.from({ length: 11 }, (_, k) => [8 + k, 2 + k]));
  expect(numberingFindings(await renumbered({ 6: "1.1", 7: "1.2.", ...after }))).toEqual([]);
});

test("a stray character is still mistyped (seed 002's `1``)", async () => {
  expect(numberingFindings(await renumbered({ 6: "2`" }))).toEqual(["A6 Nomor \"2`\" salah ketik."]);
});
