/**
 * The .xlsx reader fills the snapshot the way Excel reports a live workbook. The cells
 * are real seed rows (seed 001's SAKIP row, seed 004's IKM targets) written with
 * exceljs in the forms users' files contain them: rich text, dates, formulas (shared
 * ones too), error values and merged header cells.
 */
import ExcelJS from "exceljs";
import { readWorkbookBuffer, dateToSerial } from "../../src/xlsx/read-workbook";
import { eachCell, formulaAt, numberFormatAt, valueAt } from "../../src/engine/snapshot";
import { loadWorkbook } from "../support/fixtures";

async function roundTrip(build: (ws: ExcelJS.Worksheet) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("IKU"));
  const buffer = await wb.xlsx.writeBuffer();
  return (await readWorkbookBuffer(Buffer.from(buffer))).sheets[0];
}

test("rich text is flattened to its plain text", async () => {
  const sheet = await roundTrip((ws) => {
    ws.getCell("C3").value = {
      richText: [{ text: "Nilai SAKIP ", font: { bold: true } }, { text: "Perangkat Daerah" }],
    };
  });
  expect(valueAt(sheet, 3, 3)).toBe("Nilai SAKIP Perangkat Daerah");
  expect(sheet.bounds).toEqual({ top: 3, left: 3, bottom: 3, right: 3 });
});

test("dates become Excel serial numbers and keep their number format", async () => {
  const sheet = await roundTrip((ws) => {
    const cell = ws.getCell("B2");
    cell.value = new Date(Date.UTC(2025, 2, 31)); // SPT Tahunan deadline, 31 Maret
    cell.numFmt = "dd/mm/yyyy";
  });
  expect(valueAt(sheet, 2, 2)).toBe(45747);
  expect(dateToSerial(new Date(Date.UTC(2025, 2, 31)))).toBe(45747);
  expect(numberFormatAt(sheet, 2, 2)).toBe("dd/mm/yyyy");
});

test("formulas keep their text and cached result; shared formulas are translated per cell", async () => {
  const sheet = await roundTrip((ws) => {
    ws.getCell("D1").value = 83.6; // IKM target 2023
    ws.getCell("D2").value = 83.7; // 2024
    ws.getCell("E1").value = 85;
    ws.getCell("E2").value = 84;
    ws.getCell("F1").value = { formula: "E1/D1*100", result: 101.67464114832536 };
    ws.getCell("F2").value = { sharedFormula: "F1", result: 100.35842293906811 };
  });
  expect(formulaAt(sheet, 1, 6)).toBe("=E1/D1*100");
  expect(valueAt(sheet, 1, 6)).toBeCloseTo(101.6746, 4);
  expect(formulaAt(sheet, 2, 6)).toBe("=E2/D2*100");
  expect(valueAt(sheet, 2, 6)).toBeCloseTo(100.3584, 4);
  expect(formulaAt(sheet, 1, 4)).toBeNull();
});

test("error values become CellError objects", async () => {
  const sheet = await roundTrip((ws) => {
    ws.getCell("A1").value = { formula: "B1/C1", result: { error: "#DIV/0!" } };
    ws.getCell("A2").value = { error: "#REF!" };
  });
  expect(valueAt(sheet, 1, 1)).toEqual({ error: "#DIV/0!" });
  expect(valueAt(sheet, 2, 1)).toEqual({ error: "#REF!" });
});

test("merged areas are reported once; covered cells read empty as in Excel", async () => {
  const sheet = await roundTrip((ws) => {
    ws.getCell("A1").value = "No.";
    ws.getCell("B1").value = "Sasaran Strategis";
    ws.getCell("B2").value = "Sasaran RPJMD";
    ws.getCell("C2").value = "Sasaran Renstra PD";
    ws.mergeCells("A1:A2");
    ws.mergeCells("B1:C1");
  });
  expect(sheet.merges).toEqual(
    expect.arrayContaining([
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 1, left: 2, bottom: 1, right: 3 },
    ]),
  );
  expect(sheet.merges).toHaveLength(2);
  expect(valueAt(sheet, 2, 1)).toBeNull();
  expect(valueAt(sheet, 1, 3)).toBeNull();
});

test("hyperlinks give their display text; empty strings are empty cells", async () => {
  const sheet = await roundTrip((ws) => {
    ws.getCell("A1").value = { text: "Aplikasi Survey Kukar", hyperlink: "https://example.invalid/" };
    ws.getCell("A2").value = "";
    ws.getCell("A3").value = true;
  });
  expect(valueAt(sheet, 1, 1)).toBe("Aplikasi Survey Kukar");
  expect(valueAt(sheet, 2, 1)).toBeNull();
  expect(valueAt(sheet, 3, 1)).toBe(true);
});

test("a seed fixture reads with its LaTeX and HTML text intact", async () => {
  const wb = await loadWorkbook("seed-001-iku-iki-bkpsdm-paser.xlsx");
  const iku = wb.sheets.find((s) => s.name === "IKU");
  expect(iku).toBeDefined();
  const texts = [...eachCell(iku!)].map((c) => c.cell.value).filter((v): v is string => typeof v === "string");
  expect(texts.some((t) => t.includes("$IKM = \\frac{\\sum_{i=1}^n Skor_i \\times f_i}{\\sum_{i=1}^n f_i}$"))).toBe(true);
  expect(texts.some((t) => t.startsWith("<p><i>Formulasi Pengukuran :</i>"))).toBe(true);
});
