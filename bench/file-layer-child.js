/**
 * One measurement of bench/file-layer.ts, in a process of its own so that its peak RSS is
 * its own: plain Node on the built code (dist/cli), no TypeScript compiler in memory.
 *   node bench/file-layer-child.js read-ours|read-sheetjs|read-exceljs|copy FILE RUNS
 * Prints {"ms": median, "runs": [...], "maxRssMb": …}.
 */
const fs = require("fs");
const path = require("path");
const DIST = path.join(__dirname, "..", "dist", "cli");
const [what, file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const times = [];
  let prepared = null;
  if (what === "copy") {
    const { openWorkbookBuffer } = require(path.join(DIST, "xlsx", "read-workbook.js"));
    const { checkWorkbook } = require(path.join(DIST, "engine", "report.js"));
    const opened = openWorkbookBuffer(fs.readFileSync(file));
    prepared = { opened, findings: checkWorkbook(opened.snapshot).findings };
  }
  for (let i = 0; i < runs; i++) {
    const bytes = fs.readFileSync(file);
    const t0 = process.hrtime.bigint();
    if (what === "read-ours") {
      require(path.join(DIST, "xlsx", "read-workbook.js")).readWorkbookBuffer(bytes);
    } else if (what === "read-sheetjs") {
      require("@e965/xlsx").read(bytes, { dense: true, cellFormula: true, cellNF: true });
    } else if (what === "read-exceljs") {
      const ExcelJS = require("exceljs");
      await new ExcelJS.Workbook().xlsx.load(bytes);
    } else if (what === "copy") {
      const { annotatePackage } = require(path.join(DIST, "xlsx", "annotate.js"));
      annotatePackage(prepared.opened, prepared.findings);
    } else throw new Error(`unknown measurement ${what}`);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  console.log(JSON.stringify({ ms: median(times), runs: times.map((t) => Math.round(t)), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), findings: prepared ? prepared.findings.length : undefined }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
