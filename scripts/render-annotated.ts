/**
 * Renders one sheet of an annotated copy to a PNG for the docs (LibreOffice → PDF →
 * pdftoppm): `npx ts-node --transpile-only scripts/render-annotated.ts COPY.xlsx "Sheet" OUT.png [HIDDEN,COLUMNS]`.
 * Only a temporary copy is given a landscape, fit-to-width page setup for the picture.
 */
import ExcelJS from "exceljs";
import { execFileSync } from "child_process";
import { mkdtempSync, rmSync, copyFileSync, readdirSync } from "fs";
import os from "os";
import path from "path";

async function main(): Promise<void> {
  const [input, sheetName, out] = process.argv.slice(2);
  const dir = mkdtempSync(path.join(os.tmpdir(), "iki-render-"));
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(input);
    for (const ws of [...wb.worksheets]) if (ws.name !== sheetName) wb.removeWorksheet(ws.id);
    const ws = wb.getWorksheet(sheetName);
    if (!ws) throw new Error(`no sheet ${sheetName}`);
    // Columns to leave out of the picture (e.g. "D,F,G,H,I,O,P"), so the rest is readable.
    for (const letter of (process.argv[5] ?? "").split(",").filter(Boolean)) ws.getColumn(letter).hidden = true;
    // Wide text columns, so that wrapped text does not run over the next row in the picture.
    ws.columns.forEach((c) => {
      if ((c.width ?? 0) >= 30 && (c.width ?? 0) < 62) c.width = 62;
    });
    ws.pageSetup = { ...ws.pageSetup, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
    // Let the renderer size wrapped rows to their text.
    ws.eachRow((row) => {
      row.height = undefined as unknown as number;
    });
    const tmp = path.join(dir, "render.xlsx");
    await wb.xlsx.writeFile(tmp);
    execFileSync("soffice", [`-env:UserInstallation=file://${dir}/profile`, "--headless", "--convert-to", "pdf", "--outdir", dir, tmp], { stdio: "ignore" });
    // The top of the first page, where the table is.
    execFileSync("pdftoppm", ["-png", "-r", "130", "-f", "1", "-l", "1", "-x", "80", "-y", "85", "-W", "1340", "-H", process.argv[6] ?? "150", path.join(dir, "render.pdf"), path.join(dir, "page")]);
    const page = readdirSync(dir).find((f) => /^page.*\.png$/.test(f));
    if (!page) throw new Error("no page rendered");
    copyFileSync(path.join(dir, page), out);
    console.log(`${out}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
