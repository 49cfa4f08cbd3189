/**
 * An annotated copy is the original package plus additions, on workbooks from every
 * writer we have: the seed fixtures (exceljs), the same after a LibreOffice round trip,
 * LibreOffice's own workbook with notes, shapes, protection, names, a chart and a pivot,
 * and the hand-written Strict, Excel 365 (threaded comments, slicers, rich values, custom
 * XML, thumbnail, calcChain, printer settings), macro-enabled and WPS packages.
 *
 * The test is the diff original → copy (test/support/package-diff.ts, read with JSZip and
 * xmldom, not with the writer's code): every untouched entry identical after inflating and
 * copied as stored (same compressed bytes and CRC); each touched part equal to the
 * original under the stated canonical form plus the allow-list of the checker's elements;
 * every new part one the checker writes. LibreOffice opens every copy.
 */
import { execFile } from "child_process";
import { existsSync, promises as fs, readdirSync } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { checkWorkbook } from "../../src/engine/report";
import { isFindingsSheetTitle } from "../../src/engine/flag-style";
import { valueAt } from "../../src/engine/snapshot";
import { annotatePackage } from "../../src/xlsx/annotate";
import { findSoffice } from "../../src/xlsx/libreoffice";
import { openWorkbookBuffer, readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { rawEntry, ZipPackage } from "../../src/xlsx/zip";
import { OTHER_WRITERS_DIR, WORKBOOKS } from "../support/fixtures";
import { roundTrip } from "../support/other-writers";
import { diffPackages } from "../support/package-diff";

const exec = promisify(execFile);
const soffice = findSoffice();
if (!soffice && process.env.CI) throw new Error("LibreOffice is required in CI (.ci/run installs libreoffice-calc-nogui)");

const SEEDS = readdirSync(WORKBOOKS).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(WORKBOOKS, f));
const OTHERS = ["libreoffice-features.xlsx", "strict-pengukuran.xlsx", "generator-habits.xlsx", "excel365-parts.xlsx", "macro-enabled.xlsm", "wps-cellimages.xlsx"].map((f) => path.join(OTHER_WRITERS_DIR, f));

interface Case {
  label: string;
  bytes: Buffer;
}

let cases: Case[];
let dir: string;
const copies = new Map<string, Buffer>();

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-copy-adds-"));
  cases = [];
  for (const f of [...SEEDS, ...OTHERS]) cases.push({ label: path.basename(f), bytes: await fs.readFile(f) });
  const trips = await roundTrip(SEEDS, "xlsx");
  if (trips) for (const f of SEEDS) cases.push({ label: `${path.basename(f)} via LibreOffice`, bytes: await fs.readFile(trips.get(f)!.xlsx) });
  for (const c of cases) {
    const wb = readWorkbookBuffer(c.bytes);
    const findings = checkWorkbook({ sheets: wb.sheets.filter((s) => !isFindingsSheetTitle(valueAt(s, 1, 1))) }).findings;
    copies.set(c.label, annotatePackage(openWorkbookBuffer(c.bytes), findings).bytes);
  }
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

test("there is a copy of every case", () => {
  expect(cases.length).toBe(SEEDS.length * (soffice ? 2 : 1) + OTHERS.length);
});

test.each([...SEEDS, ...OTHERS].map((f) => path.basename(f)))("%s: the copy only adds", async (label) => {
  const c = cases.find((x) => x.label === label)!;
  const copy = copies.get(label)!;
  const d = await diffPackages(c.bytes, copy);
  expect(d.problems).toEqual([]);
  // Untouched entries are copied as stored: the same compressed bytes and CRC.
  const a = new ZipPackage(c.bytes);
  const b = new ZipPackage(copy);
  for (const name of d.untouched) {
    const ea = a.entry(name)!;
    const eb = b.entry(name)!;
    expect({ name, crc: eb.crc32, raw: rawEntry(copy, eb).data.equals(rawEntry(c.bytes, ea).data) }).toEqual({ name, crc: ea.crc32, raw: true });
  }
  // Only the parts the checker may touch are touched.
  for (const name of d.touched) expect(name).toMatch(/^(\[Content_Types\]\.xml|.*\.rels|xl\/workbook\.xml|xl\/styles\.xml|xl\/worksheets\/sheet\d+\.xml|xl\/comments\d*\.xml|xl\/drawings\/vmlDrawing\d+\.vml)$/i);
});

test("LibreOffice round trips of the seed fixtures: every copy only adds", async () => {
  const labels = cases.filter((c) => c.label.endsWith("via LibreOffice"));
  if (!soffice) return;
  expect(labels.length).toBe(SEEDS.length);
  const problems: string[] = [];
  for (const c of labels) problems.push(...(await diffPackages(c.bytes, copies.get(c.label)!)).problems.map((p) => `${c.label}: ${p}`));
  expect(problems).toEqual([]);
});

test("untouched in every copy: docProps, theme, shared strings, drawings, charts, pivots, slicers, threads, VBA, media", async () => {
  const mustStay = /^(docProps\/|xl\/theme\/|xl\/sharedStrings\.xml$|xl\/drawings\/drawing|xl\/charts\/|xl\/pivot|xl\/slicer|xl\/threadedComments\/|xl\/persons\/|xl\/vbaProject\.bin$|xl\/media\/|xl\/richData\/|xl\/cellimages|customXml\/|xl\/calcChain\.xml$|xl\/printerSettings\/|xl\/tables\/)/i;
  const changed: string[] = [];
  for (const c of cases) {
    const d = await diffPackages(c.bytes, copies.get(c.label)!);
    changed.push(...d.touched.filter((n) => mustStay.test(n)).map((n) => `${c.label}: ${n}`));
  }
  expect(changed).toEqual([]);
});

test("every VML drawing of a copy has its own idmap blocks, and Excel-style shape ids are unique", async () => {
  for (const c of cases) {
    const pkg = new ZipPackage(copies.get(c.label)!);
    const blocks: number[] = [];
    const ids: string[] = [];
    for (const e of pkg.entries.filter((x) => /\.vml$/i.test(x.name))) {
      const vml = pkg.text(e.name)!;
      blocks.push(...(/<o:idmap\b[^>]*data="([^"]*)"/.exec(vml)?.[1] ?? "").split(",").filter(Boolean).map(Number));
      // Excel's ids (`_x0000_s1025`) count; LibreOffice writes `shape_0` for every note, which it alone reads.
      ids.push(...[...vml.matchAll(/<v:shape\b[^>]*\sid="(_x0000_s\d+)"/g)].map((m) => m[1]));
    }
    expect({ c: c.label, blocks: new Set(blocks).size === blocks.length, ids: new Set(ids).size === ids.length }).toEqual({ c: c.label, blocks: true, ids: true });
  }
});

test("a macro-enabled workbook's copy keeps its vbaProject.bin and its macro content type", async () => {
  const original = new ZipPackage(cases.find((c) => c.label === "macro-enabled.xlsm")!.bytes);
  const copy = new ZipPackage(copies.get("macro-enabled.xlsm")!);
  expect(copy.read("xl/vbaProject.bin")!.equals(original.read("xl/vbaProject.bin")!)).toBe(true);
  expect(copy.text("[Content_Types].xml")).toContain("application/vnd.ms-excel.sheet.macroEnabled.main+xml");
});

(soffice ? test : test.skip)("LibreOffice opens every copy", async () => {
  const files: string[] = [];
  let i = 0;
  for (const c of cases) {
    const ext = c.label.includes(".xlsm") ? "xlsm" : "xlsx";
    const file = path.join(dir, `copy-${++i}.${ext}`);
    await fs.writeFile(file, copies.get(c.label)!);
    files.push(file);
  }
  const out = path.join(dir, "pdf");
  await exec(soffice!, [`-env:UserInstallation=file://${path.join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", "pdf", "--outdir", out, ...files], { timeout: 600_000 });
  const missing = files.filter((f) => !existsSync(path.join(out, `${path.basename(f, path.extname(f))}.pdf`)));
  expect(missing).toEqual([]);
});
