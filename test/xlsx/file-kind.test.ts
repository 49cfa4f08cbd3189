/**
 * What a file is, told from its bytes: real files from other writers (LibreOffice's .xls
 * and .ods, an agile-encrypted .xlsx made by officecrypto-tool) and the exports officers
 * receive from web applications (an HTML table or XML Spreadsheet 2003 saved as .xls),
 * which are read through LibreOffice.
 */
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { checkWorkbook } from "../../src/engine/report";
import { cfbStreamNames, sniffFileKind } from "../../src/xlsx/file-kind";
import { findSoffice } from "../../src/xlsx/libreoffice";
import { openWorkbookFile } from "../../src/xlsx/open-file";
import { OTHER_WRITERS_DIR, WORKBOOKS } from "../support/fixtures";
import { roundTrip } from "../support/other-writers";

const soffice = findSoffice();
const other = (name: string) => fs.readFile(path.join(OTHER_WRITERS_DIR, name));

test("an Excel 97–2003 workbook and an encrypted OOXML file are both Compound Files, told apart by their streams", async () => {
  const xls = await other("libreoffice-97.xls");
  const encrypted = await other("encrypted-agile.xlsx");
  expect(sniffFileKind(xls)).toBe("xls");
  expect(cfbStreamNames(xls).has("workbook")).toBe(true);
  expect(sniffFileKind(encrypted)).toBe("encrypted");
  expect([...cfbStreamNames(encrypted)].sort()).toEqual(expect.arrayContaining(["encryptedpackage", "encryptioninfo"]));
});

test("zips, whole and truncated; empty files; text", async () => {
  const xlsx = await fs.readFile(path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx"));
  expect(sniffFileKind(xlsx)).toBe("zip");
  expect(sniffFileKind(xlsx.subarray(0, 4000))).toBe("zip-damaged");
  expect(sniffFileKind(Buffer.alloc(0))).toBe("empty");
  expect(sniffFileKind(Buffer.from("No;Indikator Kinerja;Target\n1;Jumlah dokumen;4 dokumen\n"))).toBe("unknown");
});

/** Seed 000's Sekretaris table (lines 34–43 of the seed), as a web application exports it. */
const ROWS = [
  ["No", "Sasaran", "Indikator Kinerja", "Formula", "Sumber Data"],
  ["1.", "Meningkatnya realisasi penyerapan keuangan perangkat Daerah", "Tingkat realisasi penyerapan keuangan Perangkat Daerah", "(Jumlah Realisasi Anggaran / Jumlah Total Anggaran) x 100%", "Laporan Realisasi Anggaran"],
  ["2.", "Meningkatnya kesesuaian hasil rekonsiliasi BMD", "Persentase kesesuaian Hasil Rekonsiliasi BMD", "(Jumlah Aset Hasil Rekonsiliasi / Jumlah Aset OPD Terinventarisir) x 100%", "Berita Acara Rekonsiliasi"],
];

(soffice ? describe : describe.skip)("exports saved as .xls, read through LibreOffice", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-kinds-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("an HTML table named .xls", async () => {
    const html = `<html><head><meta charset="utf-8"></head><body><p>Jabatan : Sekretaris</p><table border="1">${ROWS.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</table></body></html>`;
    const file = path.join(dir, "export-sakip.xls");
    await fs.writeFile(file, html);
    expect(sniffFileKind(Buffer.from(html))).toBe("html");
    const opened = await openWorkbookFile(file, { soffice });
    expect(opened.format).toBe("html");
    const tables = checkWorkbook(opened.snapshot).sheets.flatMap((s) => s.tables);
    expect(tables.map((t) => t.indicators.map((i) => i.name))).toEqual([[ROWS[1][2], ROWS[2][2]]]);
  });

  test("XML Spreadsheet 2003 named .xls", async () => {
    const cells = (r: string[]) => r.map((c) => `<Cell><Data ss:Type="String">${c}</Data></Cell>`).join("");
    const xml = `<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="IKI"><Table><Row>${cells(["Jabatan : Sekretaris"])}</Row>${ROWS.map((r) => `<Row>${cells(r)}</Row>`).join("")}</Table></Worksheet></Workbook>`;
    const file = path.join(dir, "export-2003.xls");
    await fs.writeFile(file, xml);
    expect(sniffFileKind(Buffer.from(xml))).toBe("spreadsheet-xml-2003");
    const opened = await openWorkbookFile(file, { soffice });
    expect(opened.format).toBe("spreadsheet-xml-2003");
    expect(checkWorkbook(opened.snapshot).sheets.flatMap((s) => s.tables.flatMap((t) => t.indicators.map((i) => i.name)))).toEqual([ROWS[1][2], ROWS[2][2]]);
  });

  test("an OpenDocument spreadsheet is recognised inside its zip", async () => {
    const xlsx = path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx");
    const ods = await fs.readFile((await roundTrip([xlsx], "ods"))!.get(xlsx)!.middle);
    expect(sniffFileKind(ods)).toBe("zip");
    expect(ods.subarray(30, 38).toString("latin1")).toBe("mimetype");
  });
});
