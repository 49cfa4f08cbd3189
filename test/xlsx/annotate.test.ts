/**
 * Annotated copies: flagged cells get a checker-owned conditional format and a note
 * (a user's note is kept, the message appended; the user's fill untouched), a "Temuan"
 * sheet lists every finding with a link to its cell, the input's bytes never change, and
 * LibreOffice opens the copy without trouble.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createHash } from "crypto";
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { checkWorkbook } from "../../src/engine/report";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { MARKER, writeAnnotatedCopy } from "../../src/xlsx/annotate";
import { CopyWouldLoseContentError } from "../../src/xlsx/copy-fidelity";
import { run as runCli } from "../../src/cli/run";
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

describe("content an exceljs copy would lose: no copy at all", () => {
  /** `input` rewritten the way Excel saves notes: plain `<text><t>…</t></text>`, no rich-text run. */
  async function withPlainNotes(): Promise<string> {
    const zip = await JSZip.loadAsync(await fs.readFile(input));
    const name = Object.keys(zip.files).find((n) => /^xl\/comments\d*\.xml$/.test(n))!;
    const xml = await zip.file(name)!.async("string");
    const plain = xml.replace(/<text><r>(?:<rPr>.*?<\/rPr>)?(<t[^>]*>.*?<\/t>)<\/r><\/text>/g, "<text>$1</text>");
    expect(plain).toContain("<text><t>Dicek ulang oleh Kasubbag, 5 Jan</t></text>");
    zip.file(name, plain);
    const file = path.join(dir, "catatan-polos.xlsx");
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    return file;
  }

  test("plain-text notes (Excel's own form) read back empty in exceljs, so the copy is refused", async () => {
    const file = await withPlainNotes();
    // Why: exceljs loses the words of the user's note.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const note = wb.getWorksheet("Rencana Aksi 2024")!.getCell("N15").note as unknown as { texts?: { text: string }[] };
    expect((note.texts ?? []).map((t) => t.text).join("")).toBe("");
    const before = await sha(file);
    const out = path.join(dir, "out-catatan");
    await expect(writeAnnotatedCopy(file, out, findings)).rejects.toThrow(new CopyWouldLoseContentError([{ id: "isi catatan (notes)", en: "the text of notes" }]));
    expect(existsSync(out)).toBe(false);
    expect(await sha(file)).toBe(before);
  });

  test("a chart part: refused; the CLI says so, still reports the findings, and the exit code follows them", async () => {
    const zip = await JSZip.loadAsync(await fs.readFile(input));
    zip.file("xl/charts/chart1.xml", '<?xml version="1.0" encoding="UTF-8"?><c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"/>');
    const file = path.join(dir, "grafik.xlsx");
    await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const out = path.join(dir, "out-grafik");
    let stdout = "";
    let stderr = "";
    const code = await runCli(["--out", out, file], { out: (t) => (stdout += t), err: (t) => (stderr += t) }, "test");
    expect(stderr).toContain(`${file}: salinan bertanda tidak ditulis — salinan akan kehilangan grafik milik pengguna.`);
    expect(stdout).toContain("capaian-mismatch");
    expect(code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
