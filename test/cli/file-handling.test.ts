/**
 * The CLI's file handling, as an officer meets it checking the workbooks of 40 agencies:
 * every kind of unreadable file with its own message and errorCode, outputs that never
 * overwrite, folders with our own copies in them, a file named twice, output errors that
 * name the output, a folder with nothing to check, `.xlsm`/`.xls` copies, `--clean`.
 * The worker-thread behaviours (`--jobs`, a file that exhausts memory) run the built CLI.
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { execFile } from "child_process";
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { run } from "../../src/cli/run";
import { findSoffice } from "../../src/xlsx/libreoffice";
import { ZipPackage } from "../../src/xlsx/zip";
import { OTHER_WRITERS_DIR, WORKBOOKS } from "../support/fixtures";

const execFileP = promisify(execFile);
const ROOT = path.join(__dirname, "..", "..");
const BUILT = path.join(ROOT, "dist", "cli", "cli", "iki-check.js");
const PENGUKURAN = path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx");
const SEED000 = path.join(WORKBOOKS, "seed-000-iki-bppd-kapuas-hulu-2023.xlsx");
const soffice = findSoffice();

interface Result {
  code: number;
  out: string;
  err: string;
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<Result> {
  let out = "";
  let err = "";
  const code = await run(argv, { out: (t) => void (out += t), err: (t) => void (err += `${t}\n`) }, "test", { inProcess: true, env });
  return { code, out, err };
}

/** The built `iki-check`, as a process (worker threads need the compiled worker). */
async function built(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await execFileP(process.execPath, [BUILT, ...argv], { env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
    return { code: 0, out: stdout, err: stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, out: x.stdout, err: x.stderr };
  }
}

const sha = async (f: string): Promise<string> => createHash("sha256").update(await fs.readFile(f)).digest("hex");

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-files-"));
  expect(existsSync(BUILT)).toBe(true); // npm test builds the CLI first
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, bytes: Buffer | string): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, bytes);
  return p;
}

describe("each unreadable kind has its own message and errorCode; exit 2, never a pass", () => {
  test.each([
    ["kosong.xlsx", () => Buffer.alloc(0), "empty-file", "berkas kosong (0 bita)"],
    ["terpotong.xlsx", async () => (await fs.readFile(PENGUKURAN)).subarray(0, 5000), "damaged", "berkas rusak atau terpotong"],
    ["sandi.xlsx", () => fs.readFile(path.join(OTHER_WRITERS_DIR, "encrypted-agile.xlsx")), "encrypted", "berkas dilindungi kata sandi"],
    ["daftar.csv", () => Buffer.from("No,Indikator Kinerja,Target\n1,Jumlah dokumen,4 dokumen\n"), "not-a-workbook", "bukan buku kerja Excel"],
  ])("%s", async (name, bytes, code, words) => {
    const p = await file(name, await bytes());
    const before = await sha(p);
    const r = await cli(["--json", p, SEED000]);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.files[0]).toMatchObject({ file: p, errorCode: code, sheets: [], findings: [] });
    expect(doc.files[0].error).toContain(`${p}: tidak dapat dibaca — ${words}`);
    expect(r.err).toContain(words);
    // The good file beside it is reported in full.
    expect(doc.files[1].error).toBeNull();
    expect(doc.files[1].findings.length).toBe(3);
    expect(await sha(p)).toBe(before);
  });

  test("a zip that is not a workbook (a Word document renamed .xlsx)", async () => {
    const zip = new JSZip();
    zip.file("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>');
    zip.file("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>');
    zip.file("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Rencana Aksi</w:t></w:r></w:p></w:body></w:document>');
    const p = await file("laporan.xlsx", await zip.generateAsync({ type: "nodebuffer" }));
    const r = await cli(["--json", p]);
    expect(r.code).toBe(2);
    const f = JSON.parse(r.out).files[0];
    expect(f.errorCode).toBe("not-a-workbook");
    expect(f.error).toContain("a Word document, not a workbook");
  });

  test("an .xls without LibreOffice says how to convert it; English with --lang en", async () => {
    const xls = path.join(OTHER_WRITERS_DIR, "libreoffice-97.xls");
    const id = await cli(["--json", xls], { ...process.env, IKI_CHECK_SOFFICE: "" });
    expect(id.code).toBe(2);
    const f = JSON.parse(id.out).files[0];
    expect(f.errorCode).toBe("needs-libreoffice");
    expect(f.error).toContain("format Excel 97–2003 (.xls) hanya dapat dibaca melalui LibreOffice, yang tidak terpasang. Simpan ulang sebagai .xlsx");
    const en = await cli(["--lang", "en", xls], { ...process.env, IKI_CHECK_SOFFICE: "" });
    expect(en.err).toContain("the Excel 97–2003 (.xls) format can only be read through LibreOffice, which is not installed. Save it again as .xlsx");
  });

  test("an .ods renamed .xlsx without LibreOffice is not a clean pass", async () => {
    if (!soffice) return;
    const { roundTrip } = await import("../support/other-writers");
    const ods = (await roundTrip([PENGUKURAN], "ods"))!.get(PENGUKURAN)!.middle;
    const renamed = await file("renja.xlsx", await fs.readFile(ods));
    const without = await cli(["--json", renamed], { ...process.env, IKI_CHECK_SOFFICE: "" });
    expect(without.code).toBe(2);
    expect(JSON.parse(without.out).files[0].errorCode).toBe("needs-libreoffice");
    // With LibreOffice it is read, whatever its name says.
    const withLo = await cli(["--json", renamed]);
    expect(withLo.code).toBe(1);
    // The pengukuran fixture: 10 findings since issue #14 (N14 not judged without its unreadable TW II).
    expect(JSON.parse(withLo.out).files[0].findings.length).toBe(10);
  });
});

describe("outputs", () => {
  test("an existing copy is never overwritten: the next free name, and stderr says so", async () => {
    const out = path.join(dir, "hasil-1");
    await fs.mkdir(out);
    const reviewer = path.join(out, "pengukuran-bkpsdm-2024.checked.xlsx");
    await fs.writeFile(reviewer, "salinan yang sudah diperiksa reviewer");
    const r = await cli(["--out", out, PENGUKURAN]);
    expect(r.code).toBe(1);
    expect(await fs.readFile(reviewer, "utf8")).toBe("salinan yang sudah diperiksa reviewer");
    expect(r.err).toContain(`${reviewer} sudah ada dan tidak ditimpa; salinan ditulis sebagai ${path.join(out, "pengukuran-bkpsdm-2024 (2).checked.xlsx")}`);
    expect((await fs.readdir(out)).sort()).toEqual(["pengukuran-bkpsdm-2024 (2).checked.xlsx", "pengukuran-bkpsdm-2024.checked.xlsx"]);
  });

  test("--out into the input folder: a second run skips the copies with a notice, and checks the originals once", async () => {
    const folder = path.join(dir, "opd");
    await fs.mkdir(folder);
    await fs.copyFile(PENGUKURAN, path.join(folder, "Renja.xlsx"));
    await fs.copyFile(SEED000, path.join(folder, "IKI.xlsx"));
    await fs.writeFile(path.join(folder, "~$Renja.xlsx"), "Excel's lock file");
    const first = await cli(["--json", "--out", folder, folder]);
    expect(JSON.parse(first.out).files.map((f: { file: string }) => path.basename(f.file))).toEqual(["IKI.xlsx", "Renja.xlsx"]);
    const second = await cli(["--json", "--out", folder, folder, path.join(folder, "Renja.xlsx")]);
    expect(JSON.parse(second.out).files.map((f: { file: string }) => path.basename(f.file))).toEqual(["IKI.xlsx", "Renja.xlsx"]);
    expect(second.err).toContain(`${path.join(folder, "Renja.checked.xlsx")}: dilewati — ini salinan keluaran IKI Checker`);
    expect(second.err).toContain(`${path.join(folder, "Renja.xlsx")}: disebut lebih dari sekali; diperiksa sekali`);
    expect((await fs.readdir(folder)).sort()).toEqual(["IKI (2).checked.xlsx", "IKI.checked.xlsx", "IKI.xlsx", "Renja (2).checked.xlsx", "Renja.checked.xlsx", "Renja.xlsx", "~$Renja.xlsx"]);
  });

  test("a copy of a copy is not stacked: checking Renja.checked.xlsx again gives one findings sheet", async () => {
    const out = path.join(dir, "hasil-2");
    await cli(["--out", out, PENGUKURAN]);
    const copy = path.join(out, "pengukuran-bkpsdm-2024.checked.xlsx");
    const again = path.join(dir, "hasil-3");
    const r = await cli(["--out", again, copy]);
    expect(r.err).toContain("tanda dan lembar Temuan dari pemeriksaan sebelumnya diganti, tidak ditumpuk");
    expect(r.err).toContain('lembar "Temuan" adalah daftar temuan IKI Checker; tidak diperiksa');
    const names = new ZipPackage(await fs.readFile(path.join(again, "pengukuran-bkpsdm-2024.checked.xlsx"))).text("xl/workbook.xml")!.match(/<sheet /g);
    expect(names).toHaveLength(4);
  });

  test("--clean writes <name>.clean.xlsx with nothing of ours; --clean needs --out", async () => {
    const out = path.join(dir, "hasil-4");
    await cli(["--out", out, PENGUKURAN]);
    const copy = path.join(out, "pengukuran-bkpsdm-2024.checked.xlsx");
    const r = await cli(["--clean", "--out", out, copy]);
    expect(r.err).toContain(`Salinan bersih ditulis: ${path.join(out, "pengukuran-bkpsdm-2024.clean.xlsx")}`);
    const clean = new ZipPackage(await fs.readFile(path.join(out, "pengukuran-bkpsdm-2024.clean.xlsx")));
    const original = new ZipPackage(await fs.readFile(PENGUKURAN));
    expect(clean.entries.map((e) => e.name).sort()).toEqual(original.entries.map((e) => e.name).sort());
    for (const e of original.entries) expect({ part: e.name, same: clean.read(e.name)!.equals(original.read(e.name)!) }).toEqual({ part: e.name, same: true });
    expect((await cli(["--clean", PENGUKURAN])).code).toBe(2);
  });

  test("an .xlsm gets a .checked.xlsm copy with its VBA; an .xls a .checked.xlsx copy, and the report says so", async () => {
    const out = path.join(dir, "hasil-5");
    const r = await cli(["--out", out, path.join(OTHER_WRITERS_DIR, "macro-enabled.xlsm"), ...(soffice ? [path.join(OTHER_WRITERS_DIR, "libreoffice-97.xls")] : [])]);
    const names = (await fs.readdir(out)).sort();
    expect(names).toContain("macro-enabled.checked.xlsm");
    expect(new ZipPackage(await fs.readFile(path.join(out, "macro-enabled.checked.xlsm"))).has("xl/vbaProject.bin")).toBe(true);
    if (soffice) {
      expect(names).toContain("libreoffice-97.checked.xlsx");
      expect(r.err).toContain("libreoffice-97.xls: dibaca dari Excel 97–2003 (.xls) melalui LibreOffice; salinannya berformat .xlsx");
    }
  });

  test("an output error names the output path, not the input", async () => {
    const notADir = await file("bukan-folder", "a file where the output folder should be");
    const r = await cli(["--json", "--out", notADir, PENGUKURAN]);
    expect(r.code).toBe(2);
    const f = JSON.parse(r.out).files[0];
    expect(f.errorCode).toBe("output-failed");
    expect(f.error).toMatch(new RegExp(`^${notADir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}.*: salinan tidak dapat ditulis — E`));
    expect(f.error).not.toContain("tidak dapat dibaca");
    // The findings of the input are still reported.
    // The pengukuran fixture: 10 findings since issue #14 (N14 not judged without its unreadable TW II).
    expect(f.findings.length).toBe(10);
  });

  test("a folder with nothing to check says so and exits 2", async () => {
    const empty = path.join(dir, "kosong");
    await fs.mkdir(empty);
    await fs.writeFile(path.join(empty, "catatan.txt"), "bukan buku kerja");
    const r = await cli(["--json", empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${empty}: tidak ada buku kerja untuk diperiksa di folder ini`);
    expect(JSON.parse(r.out)).toEqual({ version: 1, files: [] });
  });
});

describe("the built CLI: worker threads", () => {
  test("--jobs 2 prints the same report, byte for byte and in input order, as --jobs 1", async () => {
    const folder = path.join(dir, "banyak");
    await fs.mkdir(folder);
    for (const [i, f] of [SEED000, PENGUKURAN, path.join(WORKBOOKS, "seed-002-iki-kesbangpol-kukar-2025.xlsx"), path.join(WORKBOOKS, "seed-004-iku-setda-balangan-2021-2026.xlsx")].entries()) {
      await fs.copyFile(f, path.join(folder, `opd-${i}.xlsx`));
    }
    const one = await built(["--json", "--jobs", "1", folder]);
    const two = await built(["--json", "--jobs", "2", folder]);
    expect(one.code).toBe(1);
    expect(two.out).toBe(one.out);
    const doc = JSON.parse(one.out);
    expect(doc.files.map((f: { file: string }) => path.basename(f.file))).toEqual(["opd-0.xlsx", "opd-1.xlsx", "opd-2.xlsx", "opd-3.xlsx"]);
    // Streamed, the document is what JSON.stringify writes.
    expect(one.out).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  });

  test("a file that exhausts its worker's memory is reported, and the others' results are kept", async () => {
    // 600,000 filled cells: far within the cell budget, beyond a 64 MB heap.
    const rows: string[] = [];
    for (let r = 1; r <= 60_000; r++) {
      let cells = "";
      for (let c = 0; c < 10; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}" t="inlineStr"><is><t>Jumlah dokumen ${r}-${c}</t></is></c>`;
      rows.push(`<row r="${r}">${cells}</row>`);
    }
    const zip = await JSZip.loadAsync(await fs.readFile(SEED000));
    const sheet = Object.keys(zip.files).find((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))!;
    zip.file(sheet, `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join("")}</sheetData></worksheet>`);
    const big = await file("besar.xlsx", await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const r = await built(["--json", "--jobs", "1", SEED000, big, PENGUKURAN], { IKI_CHECK_HEAP_MB: "64" });
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.out);
    expect(doc.files.map((f: { errorCode: string | null }) => f.errorCode)).toEqual([null, "out-of-memory", null]);
    expect(doc.files[0].findings.length).toBe(3);
    // The pengukuran fixture: 10 findings since issue #14 (N14 not judged without its unreadable TW II).
    expect(doc.files[2].findings.length).toBe(10);
    expect(r.err).toContain("besar.xlsx: tidak dapat dibaca — pemeriksaan berkas ini kehabisan memori dan dihentikan");
  });

  test("A1 and XFD1048576, and a validation over the whole sheet: checked, complete JSON, exit 0", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Lampiran");
    ws.getCell("A1").value = "Lampiran IKI";
    ws.getCell("XFD1048576").value = "akhir";
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    // A list validation over A1:XFD1048576, as some templates carry.
    zip.file("xl/worksheets/sheet1.xml", xml.replace("</sheetData>", '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"Ya,Tidak"</formula1></dataValidation></dataValidations>'));
    const p = await file("ujung.xlsx", await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
    const r = await built(["--json", p]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.files[0]).toMatchObject({ error: null, errorCode: null, findings: [] });
    expect(doc.files[0].sheets).toEqual([{ name: "Lampiran", tables: [] }]);
  });
});
