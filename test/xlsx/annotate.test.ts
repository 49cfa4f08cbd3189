/**
 * Annotated copies: flagged cells get a checker-owned conditional format and a note
 * (a user's note is kept, the message appended; the user's fill untouched), a "Temuan"
 * sheet lists every finding with a link to its cell, the input's bytes never change, and
 * LibreOffice opens the copy without trouble.
 */
import ExcelJS from "exceljs";
import { createHash } from "crypto";
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { checkWorkbook } from "../../src/engine/report";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { MARKER, writeAnnotatedCopy } from "../../src/xlsx/annotate";
import { WORKBOOKS } from "../support/fixtures";
import { sofficePath } from "../support/libreoffice";
import { readNotes } from "../support/xlsx-notes";

const run = promisify(execFile);
const sha = async (f: string): Promise<string> => createHash("sha256").update(await fs.readFile(f)).digest("hex");

let dir: string;
let input: string;
let copy: string;
let findings: ReturnType<typeof checkWorkbook>["findings"];

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-annotate-"));
  // The measurement fixture, with a note and a fill of the user's own on a flagged cell (N15: capaian typed 96.77).
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx"));
  const cell = wb.getWorksheet("Rencana Aksi 2024")!.getCell("N15");
  cell.note = "Dicek ulang oleh Kasubbag, 5 Jan";
  cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FF92D050" } };
  input = path.join(dir, "pengukuran.xlsx");
  await wb.xlsx.writeFile(input);
  findings = checkWorkbook(await readWorkbookFile(input)).findings;
  const before = await sha(input);
  copy = await writeAnnotatedCopy(input, path.join(dir, "out"), findings);
  expect(await sha(input)).toBe(before);
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("the copy is written beside, as <name>.checked.xlsx, and the input is untouched", async () => {
  expect(path.basename(copy)).toBe("pengukuran.checked.xlsx");
  expect((await fs.readdir(path.join(dir, "out"))).sort()).toEqual(["pengukuran.checked.xlsx"]); // no temp file left
});

test("every flagged cell has a checker-owned conditional format and a note; the user's note and fill stay", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  expect(findings.length).toBeGreaterThan(5);
  const notes = await readNotes(copy);
  for (const f of findings) {
    const ws = wb.getWorksheet(f.sheet)!;
    // exceljs keeps read conditional formats on `conditionalFormattings` (missing from its typings).
    const formats = (ws as unknown as { conditionalFormattings: { ref: string; rules: unknown[] }[] }).conditionalFormattings;
    const cf = formats.find((c) => c.ref === f.cell);
    expect(cf).toBeDefined();
    const rule = cf!.rules[0] as { type: string; formulae?: string[] };
    expect(rule.type).toBe("expression");
    expect(rule.formulae?.[0]).toContain(MARKER);
    const noteText = notes.get(`${f.sheet}!${f.cell}`) ?? "";
    expect({ cell: `${f.sheet}!${f.cell}`, noteText }).toEqual({ cell: `${f.sheet}!${f.cell}`, noteText: expect.stringContaining(`[${MARKER}]`) });
    expect(noteText).toContain(f.rule);
  }
  const n15 = wb.getWorksheet("Rencana Aksi 2024")!.getCell("N15");
  const noteText = notes.get("Rencana Aksi 2024!N15") ?? "";
  expect(noteText.startsWith("Dicek ulang oleh Kasubbag, 5 Jan\n\n[IKI Checker] Galat capaian-mismatch:")).toBe(true);
  expect(noteText).toContain("capaian-mismatch");
  expect((n15.fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FF92D050");
  // The user's value is not changed.
  expect(n15.value).toBe(96.77);
});

test("a Temuan sheet lists every finding with a link to its cell", async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  const ws = wb.getWorksheet("Temuan")!;
  expect(ws).toBeDefined();
  const rows = ws.getSheetValues().filter((r) => Array.isArray(r) && typeof r[1] === "number") as unknown[][];
  expect(rows.length).toBe(findings.length);
  const link = ws.getCell(3, 5).value as { text: string; hyperlink: string };
  expect(link.hyperlink).toBe(`#'${findings[0].sheet}'!${findings[0].cell}`);
});

(sofficePath() ? test : test.skip)("LibreOffice opens the copy and renders it", async () => {
  const outDir = path.join(dir, "pdf");
  await run(sofficePath()!, ["-env:UserInstallation=file://" + path.join(dir, "lo-profile"), "--headless", "--convert-to", "pdf", "--outdir", outDir, copy], { timeout: 120_000 });
  const pdf = path.join(outDir, "pengukuran.checked.pdf");
  expect(existsSync(pdf)).toBe(true);
  expect((await fs.stat(pdf)).size).toBeGreaterThan(5000);
});
