/**
 * Shared formulas expanded per cell, as Excel shows each cell's own formula: relative
 * references move, absolute ones stay, text and names that only look like cells do not.
 * The formulas are the capaian formulas of the measurement fixtures and the seeds' habits.
 */
import { displayFormula, shiftFormula } from "../../src/xlsx/formula-text";

test.each([
  // Pengukuran's own capaian formula, copied down.
  ['IFERROR(M10/E10*100,"")', 6, 0, 'IFERROR(M16/E16*100,"")'],
  // Absolute parts stay: the target column and the header row.
  ["J5/$E5*100", 3, 1, "K8/$E8*100"],
  ["J5/E$4*100", 3, 0, "J8/E$4*100"],
  ["$J$5", 10, 10, "$J$5"],
  // Ranges, whole columns and rows.
  ["SUM(H8:S8)", 1, 0, "SUM(H9:S9)"],
  ["COUNT(F:I)", 5, 1, "COUNT(G:J)"],
  ["SUM(5:7)", 2, 0, "SUM(7:9)"],
  // Other sheets, quoted or not; quotes doubled inside.
  ["'Data TW'!H8+Rekap!B2", 1, 0, "'Data TW'!H9+Rekap!B3"],
  ["'Bu''s sheet'!A1", 1, 0, "'Bu''s sheet'!A2"],
  // Text that looks like a cell, functions named like cells, structured references, numbers.
  ['IF(A1="B2","TW1",LOG10(A1))', 1, 1, 'IF(B2="B2","TW1",LOG10(B2))'],
  ["SUM(TabelIKU[Target])+1E5", 4, 0, "SUM(TabelIKU[Target])+1E5"],
  // Moved off the sheet: #REF!, as Excel does.
  ["A1+B2", -1, 0, "#REF!+B1"],
])("%s moved %d rows, %d columns → %s", (formula, dRow, dCol, expected) => {
  expect(shiftFormula(formula as string, dRow as number, dCol as number)).toBe(expected);
});

test("newer functions lose the _xlfn. prefix Excel stores them with, outside text", () => {
  expect(displayFormula('_xlfn.IFS(J5>=90,"Sangat Tinggi",TRUE,"_xlfn.x")')).toBe('IFS(J5>=90,"Sangat Tinggi",TRUE,"_xlfn.x")');
  expect(displayFormula("_xlfn._xlws.FILTER(A2:A9,B2:B9>0)")).toBe("FILTER(A2:A9,B2:B9>0)");
});
