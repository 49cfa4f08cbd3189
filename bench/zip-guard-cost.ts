/**
 * What the zip guard's verification (inflating each entry, capped at its stated size)
 * costs next to reading the workbook: a 50,000-row synthetic sheet written with exceljs.
 */
import ExcelJS from "exceljs";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { checkZipLimits } from "../src/xlsx/zip";
import { readWorkbookFile } from "../src/xlsx/read-workbook";
import { HEADER, sampleRows, syntheticSheet } from "./synthetic";
import { gridOf } from "../test/support/grid";

async function main(): Promise<void> {
  const rows = 50_000;
  const sheet = syntheticSheet(await sampleRows(), rows);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet.name);
  for (const r of gridOf(sheet).values) ws.addRow(r as ExcelJS.CellValue[]);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-zip-"));
  const file = path.join(dir, "besar.xlsx");
  await wb.xlsx.writeFile(file);
  const buf = await fs.readFile(file);
  let t = performance.now();
  const total = checkZipLimits(buf);
  const guardMs = performance.now() - t;
  t = performance.now();
  await readWorkbookFile(file);
  const readMs = performance.now() - t;
  console.log(`zip guard on ${rows} rows (${HEADER.length} columns): file ${(buf.length / 1e6).toFixed(1)} MB, inflates to ${(total / 1e6).toFixed(1)} MB`);
  console.log(`  guard incl. verification ${guardMs.toFixed(0)} ms; whole read (guard + exceljs + snapshot) ${readMs.toFixed(0)} ms`);
  await fs.rm(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
