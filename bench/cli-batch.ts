/**
 * The CLI over many workbooks, as users run it: the built `iki-check --json` on a folder
 * with `--jobs 1` and with `--jobs N` (default: the available parallelism), each run as a
 * process of its own. `ts-node bench/cli-batch.ts DIR [N]` prints one JSON line.
 */
import { execFileSync } from "child_process";
import { existsSync } from "fs";
import os from "os";
import path from "path";

const CLI = path.join(__dirname, "..", "dist", "cli", "cli", "iki-check.js");

function timed(dir: string, jobs: number): { ms: number; files: number; findings: number } {
  const t0 = process.hrtime.bigint();
  let out = "";
  try {
    out = execFileSync(process.execPath, [CLI, "--json", "--jobs", String(jobs), dir], { encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  } catch (e) {
    // Exit 1 (error findings) still prints the whole report.
    out = (e as { stdout?: string }).stdout ?? "";
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const doc = JSON.parse(out) as { files: { findings: unknown[] }[] };
  return { ms, files: doc.files.length, findings: doc.files.reduce((n, f) => n + f.findings.length, 0) };
}

const dir = process.argv[2];
const jobs = Number(process.argv[3] ?? (typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length));
if (!existsSync(CLI)) throw new Error("build the CLI first (npm run build:cli)");
const serial = timed(dir, 1);
const parallel = timed(dir, jobs);
console.log(JSON.stringify({ files: serial.files, serialMs: serial.ms, threadedMs: parallel.ms, threads: jobs, serialFindings: serial.findings, threadedFindings: parallel.findings }));
