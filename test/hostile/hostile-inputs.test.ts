/**
 * Hostile and broken inputs, each built from a real fixture sheet with the hostile part
 * added: every one gets a clear message or a finding — no crash, no hang (a time bound
 * per file), and the input file is never modified.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { createHash } from "crypto";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { run } from "../../src/cli/run";
import { checkWorkbook } from "../../src/engine/report";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { writeAnnotatedCopy } from "../support/copies";
import { WORKBOOKS } from "../support/fixtures";

const BASE = path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx");
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-hostile-"));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const sha = async (f: string): Promise<string> => createHash("sha256").update(await fs.readFile(f)).digest("hex");

/** The Pengukuran TW sheet of the measurement fixture, changed by `edit`, saved under `name`. */
async function variant(name: string, edit: (ws: ExcelJS.Worksheet) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(BASE);
  edit(wb.getWorksheet("Pengukuran TW")!);
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string; ms: number }> {
  let out = "";
  let err = "";
  const t0 = Date.now();
  const code = await run(argv, { out: (t) => void (out += t), err: (t) => void (err += t + "\n") }, "test", { inProcess: true });
  return { code, out, err, ms: Date.now() - t0 };
}

/** Checks a file through the CLI (JSON), asserting the input is untouched; returns the file's report. */
async function checkUntouched(file: string): Promise<{ code: number; report: { error: string | null; findings: { rule: string; cell: string; severity: string; sheet: string }[]; sheets: unknown[] }; ms: number; err: string }> {
  const before = await sha(file);
  const { code, out, ms, err } = await cli("--json", file);
  expect(await sha(file)).toBe(before);
  return { code, report: JSON.parse(out).files[0], ms, err };
}

test("a truncated workbook: a clear message, exit 2", async () => {
  const file = path.join(dir, "terpotong.xlsx");
  const bytes = await fs.readFile(BASE);
  await fs.writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const { code, report } = await checkUntouched(file);
  expect(code).toBe(2);
  expect(report.error).toMatch(/tidak dapat dibaca/);
});

test("bytes that are not a zip at all: a clear message, exit 2", async () => {
  const file = path.join(dir, "bukan-zip.xlsx");
  await fs.writeFile(file, "No\tIndikator\n1\tJumlah dokumen\n");
  const { code, report } = await checkUntouched(file);
  expect(code).toBe(2);
  expect(report.error).toMatch(/tidak dapat dibaca/);
});

test("a zip bomb is refused from the zip directory, before inflating", async () => {
  const zip = await JSZip.loadAsync(await fs.readFile(BASE));
  // 60 MB of one repeated row inflate from a few kilobytes.
  zip.file("xl/worksheets/sheet3.xml", "<row/>".repeat(10_000_000));
  const file = path.join(dir, "bom.xlsx");
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  expect((await fs.stat(file)).size).toBeLessThan(1_000_000);
  const { code, report, ms } = await checkUntouched(file);
  expect(code).toBe(2);
  expect(report.error).toMatch(/zip bomb/);
  expect(ms).toBeLessThan(30_000);
});

test("a zip bomb whose directory lies about its sizes is refused, inflating no more than it claims", async () => {
  const zip = await JSZip.loadAsync(await fs.readFile(BASE));
  zip.file("xl/worksheets/sheet3.xml", "<row/>".repeat(10_000_000)); // 60 MB
  const bytes = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  // Rewrite the entry's stated uncompressed size (central directory and local header) to 20 KB.
  const name = Buffer.from("xl/worksheets/sheet3.xml");
  let patched = 0;
  for (let i = 0; i + 46 < bytes.length; i++) {
    const sig = bytes.readUInt32LE(i);
    if (sig === 0x02014b50 && bytes.readUInt16LE(i + 28) === name.length && bytes.subarray(i + 46, i + 46 + name.length).equals(name)) {
      bytes.writeUInt32LE(20_000, i + 24);
      patched++;
    } else if (sig === 0x04034b50 && bytes.readUInt16LE(i + 26) === name.length && bytes.subarray(i + 30, i + 30 + name.length).equals(name)) {
      bytes.writeUInt32LE(20_000, i + 22);
      patched++;
    }
  }
  expect(patched).toBe(2);
  const file = path.join(dir, "bom-berbohong.xlsx");
  await fs.writeFile(file, bytes);
  expect(bytes.length).toBeLessThan(1_000_000);
  const { code, report, ms } = await checkUntouched(file);
  expect(code).toBe(2);
  expect(report.error).toMatch(/xl\/worksheets\/sheet3\.xml inflates to more than the 20000 bytes its directory states: refused as a zip bomb/);
  expect(ms).toBeLessThan(30_000);
});

test("a used range of 1,048,576 rows with sparse data: checked, the table found", async () => {
  const file = await variant("sejuta-baris.xlsx", (ws) => {
    ws.getCell("B1048576").value = "catatan di baris terakhir";
  });
  const { code, report, ms } = await checkUntouched(file);
  expect(code).toBe(1); // the fixture's own errors
  expect(report.findings.some((f) => f.rule === "division-by-zero")).toBe(true);
  expect(ms).toBeLessThan(60_000);
});

test("32,767-character cells in the name, formula and target columns", async () => {
  const long = "Jumlah dokumen ".repeat(2200).slice(0, 32_767);
  const file = await variant("sel-panjang.xlsx", (ws) => {
    ws.getCell("C6").value = long;
    ws.getCell("D6").value = `${"(".repeat(5000)}${"a dibagi b ".repeat(2500)}`.slice(0, 32_767);
    ws.getCell("E7").value = "9".repeat(32_767);
  });
  const { code, report, ms } = await checkUntouched(file);
  expect([0, 1]).toContain(code);
  expect(report.sheets.length).toBeGreaterThan(0);
  expect(ms).toBeLessThan(60_000);
});

test("text that begins with =, +, -, @ is never written back as a formula", async () => {
  const file = await variant("injeksi.xlsx", (ws) => {
    ws.getCell("C5").value = '=HYPERLINK("http://contoh.invalid","klik")';
    ws.getCell("D5").value = "+SUM(1,2)";
    ws.getCell("E5").value = "-2+3";
    ws.getCell("C6").value = "@cmd";
  });
  const before = await sha(file);
  const snapshot = await readWorkbookFile(file);
  const { findings } = checkWorkbook(snapshot);
  const copy = await writeAnnotatedCopy(file, path.join(dir, "out-injeksi"), findings);
  expect(await sha(file)).toBe(before);
  const zip = await JSZip.loadAsync(await fs.readFile(copy));
  const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  for (const name of sheets) {
    const xml = await zip.file(name)!.async("string");
    // The only formulas are the workbook's own native ones: none carries the injected text.
    for (const f of xml.matchAll(/<f>([^<]*)<\/f>/g)) expect(f[1]).not.toMatch(/HYPERLINK|SUM\(1,2\)|cmd/);
  }
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(copy);
  wb.getWorksheet("Temuan")!.eachRow((row) =>
    row.eachCell((cell) => {
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
    }),
  );
});

test("control characters and right-to-left marks in cells: read, checked, and the copy still opens", async () => {
  const file = await variant("kontrol.xlsx", (ws) => {
    ws.getCell("C5").value = "Jumlah\u0007 dokumen\u202e evaluasi\u200f kinerja";
    ws.getCell("D5").value = "Jumlah\u0001 dokumen";
  });
  const { findings } = checkWorkbook(await readWorkbookFile(file));
  const copy = await writeAnnotatedCopy(file, path.join(dir, "out-kontrol"), findings);
  const zip = await JSZip.loadAsync(await fs.readFile(copy));
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith(".xml"))) {
    // eslint-disable-next-line no-control-regex
    expect(await zip.file(name)!.async("string")).not.toMatch(/[\u0001-\u0008]/);
  }
  const wb = new ExcelJS.Workbook();
  await expect(wb.xlsx.readFile(copy)).resolves.toBeDefined();
});

test("merged-cell chaos over the header and data: no crash", async () => {
  const file = await variant("gabung.xlsx", (ws) => {
    ws.unMergeCells("A1");
    ws.mergeCells("A4:C5");
    ws.mergeCells("F6:I9");
    ws.mergeCells("J10:J14");
  });
  const { code, report } = await checkUntouched(file);
  expect([0, 1]).toContain(code);
  expect(report.error).toBeNull();
});

test("circular native formulas and error values in realisation cells are findings, not crashes", async () => {
  const file = await variant("sirkular.xlsx", (ws) => {
    ws.getCell("F5").value = { formula: "F5+1", result: 0 };
    ws.getCell("G5").value = { formula: "1/0", result: { error: "#DIV/0!" } };
    ws.getCell("H5").value = { error: "#REF!" };
  });
  const { report } = await checkUntouched(file);
  const at = report.findings.filter((f) => f.sheet === "Pengukuran TW" && f.rule === "realisasi-not-numeric").map((f) => f.cell);
  expect(at).toEqual(expect.arrayContaining(["G5", "H5"]));
});

test("dates where numbers belong: a finding on the cell", async () => {
  const file = await variant("tanggal.xlsx", (ws) => {
    const c = ws.getCell("G6");
    c.value = new Date(Date.UTC(2024, 5, 30));
    c.numFmt = "dd/mm/yyyy";
  });
  const { report } = await checkUntouched(file);
  expect(report.findings).toEqual(expect.arrayContaining([expect.objectContaining({ sheet: "Pengukuran TW", cell: "G6", rule: "realisasi-not-numeric", severity: "error" })]));
});
