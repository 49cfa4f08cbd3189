/**
 * `npm run bench`: the engine at 500, 5,000 and 50,000 indicator rows against
 * HyperFormula, the CLI over 200 workbooks serial and threaded, and the task-pane bundle
 * size; prints the figures and writes bench/RESULTS.md. Each size runs in a process of
 * its own so that its peak memory is its own.
 */
import { execFileSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "fs";
import os from "os";
import path from "path";
import { gzipSync } from "zlib";
import ExcelJS from "exceljs";
import { sampleRows, syntheticSheet } from "./synthetic";
import { gridOf } from "../test/support/grid";
import { fileLayerMarkdown, measureFileLayer } from "./file-layer";

const ROOT = path.join(__dirname, "..");
const TS_NODE = ["-r", "ts-node/register/transpile-only"];

interface SizeResult {
  n: number;
  fullMs: number;
  editMs: number;
  peerBuildMs: number | null;
  peerEditMs: number | null;
  oursMaxRssMb: number;
  findings: number;
}

function runSize(n: number, runs: number): SizeResult {
  const out = execFileSync(process.execPath, ["--expose-gc", ...TS_NODE, path.join(__dirname, "engine-size.ts"), String(n), String(runs)], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 10_000_000,
  });
  return JSON.parse(out.trim().split("\n").pop()!);
}

async function writeWorkbooks(dir: string, count: number, rowsEach: number): Promise<void> {
  const rows = await sampleRows();
  for (let i = 0; i < count; i++) {
    const sheet = syntheticSheet(rows, rowsEach, i + 1);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(sheet.name);
    gridOf(sheet).values.forEach((r) => ws.addRow(r.map((v) => (typeof v === "object" && v !== null ? null : v))));
    await wb.xlsx.writeFile(path.join(dir, `pengukuran-${String(i + 1).padStart(3, "0")}.xlsx`));
  }
}

function bundleGzipKb(): { rawKb: number; gzipKb: number } {
  const bundle = path.join(ROOT, "dist", "taskpane.js");
  execFileSync("npx", ["webpack", "--mode", "production"], { cwd: ROOT, stdio: "ignore" });
  if (!existsSync(bundle)) throw new Error("no dist/taskpane.js after the build");
  const bytes = readFileSync(bundle);
  return { rawKb: Math.round(bytes.length / 1024), gzipKb: Math.round(gzipSync(bytes, { level: 9 }).length / 1024) };
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB RAM, Node.js ${process.version}, ${os.type()} ${os.release()}`;
}

async function main(): Promise<void> {
  // The CLI measurements run the built code.
  execFileSync("npm", ["run", "build:cli"], { cwd: ROOT, stdio: "ignore" });
  const sizes: [number, number][] = [
    [500, 7],
    [5000, 5],
    [50000, 3],
  ];
  const results: SizeResult[] = [];
  for (const [n, runs] of sizes) {
    const r = runSize(n, runs);
    results.push(r);
    console.log(`${n} rows: full check ${r.fullMs.toFixed(1)} ms (peer build+evaluate ${r.peerBuildMs?.toFixed(1)} ms), single edit ${r.editMs.toFixed(3)} ms (peer ${r.peerEditMs?.toFixed(3)} ms), peak RSS ${r.oursMaxRssMb} MB`);
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "iki-bench-"));
  let batch: { files: number; serialMs: number; threadedMs: number; threads: number };
  try {
    await writeWorkbooks(dir, 200, 100);
    batch = JSON.parse(execFileSync(process.execPath, [...TS_NODE, path.join(__dirname, "cli-batch.ts"), dir], { cwd: ROOT, encoding: "utf8" }).trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`CLI over ${batch.files} workbooks: serial ${batch.serialMs.toFixed(0)} ms, ${batch.threads} worker threads ${batch.threadedMs.toFixed(0)} ms`);
  const files = await measureFileLayer();
  console.log(`file layer: read ${files.ours.ms.toFixed(0)} ms / ${files.ours.maxRssMb} MB (SheetJS ${files.sheetjs.ms.toFixed(0)} ms / ${files.sheetjs.maxRssMb} MB), copy ${files.copy.ms.toFixed(0)} ms`);
  const bundle = bundleGzipKb();
  console.log(`task pane bundle: ${bundle.rawKb} KB, ${bundle.gzipKb} KB gzip`);

  const [r500, r5k, r50k] = results;
  const ratio = (r: SizeResult): string => (r.peerBuildMs ? (r.fullMs / r.peerBuildMs).toFixed(2) : "–");
  const md = `# Benchmark results

Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}.
Machine: ${machine()}.

Synthetic measurement sheets: indicator rows sampled (with a fixed seed) from the seed
fixtures — real names, sasaran, formula texts and targets — with realisation for four
quarters and a typed capaian column. "Full check" is the whole engine: snapshot → tables →
typed indicators → measurement → all 23 rules. The peer is HyperFormula ${"3.5"} (GPL-3.0,
a devDependency of the benchmark only, never bundled) computing the same sheet's capaian
from native formulas (the engine's own native capaian formulas, one per row): build +
evaluate, and one edited realisation cell recalculated. Medians of repeated runs.

| rows | full check (ours) | build + evaluate (HyperFormula) | ours / peer | single edit (ours, incremental) | single edit (HyperFormula) | peak RSS (ours) | findings |
|---:|---:|---:|---:|---:|---:|---:|---:|
${results
  .map(
    (r) =>
      `| ${r.n.toLocaleString("en")} | ${r.fullMs.toFixed(1)} ms | ${r.peerBuildMs?.toFixed(1) ?? "–"} ms | ${ratio(r)} | ${r.editMs.toFixed(3)} ms | ${r.peerEditMs?.toFixed(3) ?? "–"} ms | ${r.oursMaxRssMb} MB | ${r.findings} |`,
  )
  .join("\n")}

Growth of the full check: ×${(r5k.fullMs / r500.fullMs).toFixed(1)} from 500 to 5,000 rows, ×${(r50k.fullMs / r5k.fullMs).toFixed(1)} from 5,000 to 50,000.

CLI over ${batch.files} workbooks of 100 indicator rows each (read + check, no output):
serial ${batch.serialMs.toFixed(0)} ms; ${batch.threads} worker threads ${batch.threadedMs.toFixed(0)} ms.

Task-pane bundle (production build): ${bundle.rawKb} KB, **${bundle.gzipKb} KB gzip**.

## Against the targets (issue #8)

| target | figure | met |
|---|---|---|
| full check of 5,000 rows ≤ half of HyperFormula's build + evaluate | ours / peer = ${ratio(r5k)} | ${r5k.peerBuildMs && r5k.fullMs <= r5k.peerBuildMs / 2 ? "yes" : "no"} |
| single-edit re-check < 1 ms median | ${results.map((r) => `${r.editMs.toFixed(3)} ms at ${r.n.toLocaleString("en")}`).join(", ")} | ${results.every((r) => r.editMs < 1) ? "yes" : "no"} |
| 50,000 rows within 2 s | ${r50k.fullMs.toFixed(0)} ms | ${r50k.fullMs <= 2000 ? "yes" : "no"} |
| 50,000 rows within 500 MB | ${r50k.oursMaxRssMb} MB peak RSS | ${r50k.oursMaxRssMb <= 500 ? "yes" : "no"} |
| task-pane bundle < 400 KB gzip | ${bundle.gzipKb} KB | ${bundle.gzipKb < 400 ? "yes" : "no"} |
`;
  writeFileSync(path.join(__dirname, "RESULTS.md"), `${md}\n${fileLayerMarkdown(files)}${readProfileNotes()}`);
  console.log("wrote bench/RESULTS.md");
}

/** Hand-written notes kept below the generated part (profiles, what was fixed). */
function readProfileNotes(): string {
  const notes = path.join(__dirname, "NOTES.md");
  return existsSync(notes) ? `\n${readFileSync(notes, "utf8")}` : "";
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
