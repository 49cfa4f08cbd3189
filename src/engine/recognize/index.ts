/**
 * Recognition: every indicator table of a sheet snapshot, and nothing that is not one.
 */
import { isRowHidden, type SheetSnapshot } from "../snapshot";
import { TextGrid } from "./grid";
import { matchHeaderRow } from "./header";
import { buildTable } from "./table";
import type { RecognizedTable } from "./types";

export type { RecognizedTable, TableColumn, IndicatorRow, ColumnRole, TableKind, TableMeta, ClosingRow, LayoutNote } from "./types";

export function recognizeSheet(sheet: SheetSnapshot): RecognizedTable[] {
  const grid = new TextGrid(sheet);
  const tables: RecognizedTable[] = [];
  let blockTop = grid.top;
  for (let row = grid.nextFilledRow(grid.top); row <= grid.bottom; row = grid.nextFilledRow(row + 1)) {
    if (isRowHidden(sheet, row) || !matchHeaderRow(grid, row)) continue;
    const table = buildTable(grid, sheet, row, blockTop);
    if (!table) continue;
    tables.push(table);
    row = table.lastDataRow;
    blockTop = table.lastDataRow + 1;
  }
  return tables;
}
