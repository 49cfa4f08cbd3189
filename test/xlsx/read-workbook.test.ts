/**
 * The .xlsx reader fills the snapshot the way Excel reports a live workbook. The cells
 * are real seed rows (seed 001's SAKIP row, seed 004's IKM targets) written with
 * exceljs in the forms users' files contain them: rich text, dates, formulas (shared
 * ones too), error values and merged header cells.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
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

describe("what exceljs read wrong or not at all", () => {
  test("a formula whose cached result is 0 is 0, not an empty cell (a realisation column of =SUM(H8:S8))", async () => {
    const sheet = await roundTrip((ws) => {
      ws.getCell("H8").value = 0;
      ws.getCell("I8").value = 0;
      ws.getCell("T8").value = { formula: "SUM(H8:S8)", result: 0 };
      ws.getCell("T9").value = { formula: "SUM(H9:S9)", result: 12 };
    });
    expect(valueAt(sheet, 8, 20)).toBe(0);
    expect(formulaAt(sheet, 8, 20)).toBe("=SUM(H8:S8)");
    expect(valueAt(sheet, 9, 20)).toBe(12);
  });

  test("hidden rows and columns, and an Excel Table with its autofilter", async () => {
    const sheet = await roundTrip((ws) => {
      ws.addTable({
        name: "TabelIKU",
        ref: "A3",
        headerRow: true,
        columns: [{ name: "No" }, { name: "Indikator Kinerja" }, { name: "Target" }],
        rows: [
          [1, "Persentase SKPD yang menyampaikan LPPD tepat waktu", "100%"],
          [2, "Nilai SAKIP Perangkat Daerah", "B (65)"],
        ],
      });
      ws.getRow(5).hidden = true;
      ws.getColumn(4).hidden = true;
      ws.getColumn(5).hidden = true;
      ws.getCell("D4").value = 1;
    });
    expect(sheet.hiddenRows).toEqual([{ from: 5, to: 5 }]);
    expect(sheet.hiddenCols).toEqual([{ from: 4, to: 5 }]);
    expect(sheet.tables).toEqual([{ name: "TabelIKU", area: { top: 3, left: 1, bottom: 5, right: 3 }, headerRows: 1, totalsRows: 0, autoFilter: true }]);
  });

  test("zeroHeight: rows not written visible are hidden, to the last row of the sheet", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("IKU");
    ws.getCell("A1").value = "No";
    ws.getCell("A2").value = 1;
    ws.getCell("A4").value = 3;
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file("xl/worksheets/sheet1.xml", xml.replace(/<sheetFormatPr[^>]*\/>/, '<sheetFormatPr defaultRowHeight="15" zeroHeight="1"/>'));
    const sheet = readWorkbookBuffer(await zip.generateAsync({ type: "nodebuffer" })).sheets[0];
    expect(sheet.hiddenRows).toEqual([
      { from: 3, to: 3 },
      { from: 5, to: 1_048_576 },
    ]);
  });

  test("a part in UTF-16; ISO dates in a 1904 workbook", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("Pengukuran").getCell("B2").value = "Jumlah dokumen evaluasi kinerja yang tersedia";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const sheetXml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    const withDate = sheetXml.replace("</sheetData>", '<row r="3"><c r="B3" t="d"><v>2025-01-10T00:00:00</v></c></row></sheetData>').replace('encoding="UTF-8"', 'encoding="UTF-16"');
    zip.file("xl/worksheets/sheet1.xml", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(withDate, "utf16le")]));
    const workbookXml = await zip.file("xl/workbook.xml")!.async("string");
    zip.file("xl/workbook.xml", workbookXml.replace(/<workbookPr[^>]*\/>/, '<workbookPr date1904="1"/>'));
    const sheet = readWorkbookBuffer(await zip.generateAsync({ type: "nodebuffer" })).sheets[0];
    expect(valueAt(sheet, 2, 2)).toBe("Jumlah dokumen evaluasi kinerja yang tersedia");
    // 2025-01-10 in the 1904 date system: 44205 days after 1904-01-01.
    expect(valueAt(sheet, 3, 2)).toBe(44205);
  });

  test("a cell covered by a merge reads empty even when its writer kept a value there (LibreOffice keeps hidden contents)", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("IKU").getCell("A1").value = "Sasaran Strategis";
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    zip.file(
      "xl/worksheets/sheet1.xml",
      xml.replace(/<row r="1"[^>]*>.*?<\/row>/, '<row r="1"><c r="A1" t="inlineStr"><is><t>Sasaran Strategis</t></is></c><c r="B1" t="inlineStr"><is><t>sisa isi lama</t></is></c></row>').replace("</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>'),
    );
    const sheet = readWorkbookBuffer(await zip.generateAsync({ type: "nodebuffer" })).sheets[0];
    expect(valueAt(sheet, 1, 1)).toBe("Sasaran Strategis");
    expect(valueAt(sheet, 1, 2)).toBeNull();
  });
});
