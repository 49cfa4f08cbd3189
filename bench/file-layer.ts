/**
 * The file layer's figures, each peer measured in the same run on the same file:
 * reading a 50,000-row measurement workbook (ours, SheetJS CE, exceljs), writing its
 * annotated copy, the whole `iki-check --json` on it, and the CLI on a workbook holding
 * only A1 and XFD1048576 with a validation over the whole sheet. Every measurement runs in
 * a process of its own (peak RSS is its own). `npm run bench:files` prints the figures;
 * `npm run bench` puts them in bench/RESULTS.md.
 */
import ExcelJS from "exceljs";
import { execFileSync, spawnSync } from "child_process";
import { mkdtempSync, rmSync, statSync } from "fs";
import JSZip from "jszip";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { sampleRows, syntheticSheet } from "./synthetic";
import { gridOf } from "../test/support/grid";

const ROOT = path.join(__dirname, "..");
const CHILD = path.join(__dirname, "file-layer-child.js");
const CLI = path.join(ROOT, "dist", "cli", "cli", "iki-check.js");

export interface FileLayerFigures {
  rows: number;
  fileMb: number;
  ours: Measured;
  sheetjs: Measured;
  exceljs: Measured;
  copy: Measured & { findings: number };
  cliFull: Measured;
  cliCorners: Measured;
}

interface Measured {
  ms: number;
  runs: number[];
  maxRssMb: number;
}

function once(what: string, file: string, runs: number): Measured & { findings?: number } {
  const out = execFileSync(process.execPath, [CHILD, what, file, String(runs)], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

/**
 * Time: the median of `runs` in one process (the first run, with the JIT still cold, is one
 * of them). Peak RSS: a process of its own doing one run, so earlier runs' garbage is not
 * counted.
 */
function child(what: string, file: string, runs: number): Measured & { findings?: number } {
  const timed = once(what, file, runs);
  return { ...timed, maxRssMb: once(what, file, 1).maxRssMb };
}

/** The built CLI under GNU time: wall-clock and peak RSS of the whole process, workers included. */
function cliOk(args: string[], runs: number): Measured {
  const times: number[] = [];
  let rss = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const r = spawnSync("/usr/bin/time", ["-f", "RSSKB %M", process.execPath, CLI, ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 30 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`iki-check exited ${r.status}: ${r.stderr}`);
    const m = /RSSKB (\d+)/.exec(r.stderr ?? "");
    if (m) rss = Math.max(rss, Math.round(Number(m[1]) / 1024));
    if (!JSON.parse(r.stdout).files) throw new Error("incomplete JSON");
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { ms: sorted[Math.floor(sorted.length / 2)], runs: times.map((t) => Math.round(t)), maxRssMb: rss };
}

async function writeBig(file: string, rows: number): Promise<void> {
  const sheet = syntheticSheet(await sampleRows(), rows);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
  const ws = wb.addWorksheet(sheet.name);
  for (const r of gridOf(sheet).values) ws.addRow(r.map((v) => (typeof v === "object" && v !== null ? null : v))).commit();
  await wb.commit();
}

async function writeCorners(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Lampiran");
  ws.getCell("A1").value = "Lampiran IKI";
  ws.getCell("XFD1048576").value = "akhir";
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  const xml = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
  zip.file("xl/worksheets/sheet1.xml", xml.replace("</sheetData>", '</sheetData><dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576"><formula1>"Ya,Tidak"</formula1></dataValidation></dataValidations>'));
  await fs.writeFile(file, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
}

export async function measureFileLayer(rows = 50_000, runs = 5): Promise<FileLayerFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "iki-files-bench-"));
  try {
    const big = path.join(dir, `pk-${rows}.xlsx`);
    const corners = path.join(dir, "a1-xfd1048576.xlsx");
    await writeBig(big, rows);
    await writeCorners(corners);
    const figures: FileLayerFigures = {
      rows,
      fileMb: Math.round((statSync(big).size / 1e6) * 10) / 10,
      ours: child("read-ours", big, runs),
      sheetjs: child("read-sheetjs", big, runs),
      exceljs: child("read-exceljs", big, Math.min(runs, 3)),
      copy: child("copy", big, runs) as Measured & { findings: number },
      cliFull: cliOk(["--json", "--jobs", "1", big], 3),
      cliCorners: cliOk(["--json", corners], runs),
    };
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function fileLayerMarkdown(f: FileLayerFigures): string {
  const row = (label: string, m: Measured) => `| ${label} | ${m.ms.toFixed(0)} ms | ${m.maxRssMb} MB | ${m.runs.join(", ")} |`;
  return `## File layer (issue #13)

A ${f.rows.toLocaleString("en")}-row synthetic measurement workbook (${f.fileMb} MB, written by exceljs' streaming
writer with shared strings), each reader in processes of its own on the built code: time
is the median of repeated reads in one process, peak RSS that of a process reading once.
The copy carries every finding of the synthetic sheet (its rows repeat, so it has far more
findings than a real one).

| what | time | peak RSS | runs (ms) |
|---|---:|---:|---|
${row("read, ours (zip + saxes → sparse snapshot)", f.ours)}
${row("read, SheetJS CE 0.20.3 (dense, cellFormula, cellNF)", f.sheetjs)}
${row("read, exceljs 4.4", f.exceljs)}
${row(`write the annotated copy (${f.copy.findings.toLocaleString("en")} findings)`, f.copy)}
${row("whole `iki-check --json --jobs 1` (read, check, report; process RSS)", f.cliFull)}
${row("`iki-check --json` on A1 + XFD1048576 with a whole-sheet validation", f.cliCorners)}

Goals: read ≤ 0.5 s and ≤ 150 MB (ours ${f.ours.ms.toFixed(0)} ms, ${f.ours.maxRssMb} MB: ${f.ours.ms <= 500 && f.ours.maxRssMb <= 150 ? "met" : "not met"}); copy ≤ 1 s (${f.copy.ms.toFixed(0)} ms: ${f.copy.ms <= 1000 ? "met" : "not met"}); the A1 + XFD1048576 file in < 1 s and 150 MB (${f.cliCorners.ms.toFixed(0)} ms, ${f.cliCorners.maxRssMb} MB: ${f.cliCorners.ms < 1000 && f.cliCorners.maxRssMb <= 150 ? "met" : "not met"}).
`;
}

if (require.main === module) {
  measureFileLayer().then((f) => console.log(fileLayerMarkdown(f)));
}
