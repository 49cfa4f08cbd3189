/**
 * The CLI's work over many workbooks: serial in one thread, and split over worker
 * threads. `ts-node bench/cli-batch.ts DIR` prints one JSON line. A worker runs
 * `checkFile` (read + check) for its share of the files.
 */
import { Worker, isMainThread, parentPort, workerData } from "worker_threads";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import { checkFile } from "../src/cli/run";
import { MESSAGES } from "../src/cli/messages";
import { existsSync } from "fs";

const COMPILED = path.join(__dirname, "..", "dist", "cli", "cli", "run.js");
const WORKER_JS = `
const { parentPort, workerData } = require("worker_threads");
const { checkFile } = require(workerData.compiled);
const { MESSAGES } = require(require("path").join(require("path").dirname(workerData.compiled), "messages.js"));
(async () => {
  let n = 0;
  for (const f of workerData.files) n += (await checkFile(f, MESSAGES.id)).findings.length;
  parentPort.postMessage(n);
})();
`;

async function checkAll(files: string[]): Promise<number> {
  let findings = 0;
  for (const f of files) findings += (await checkFile(f, MESSAGES.id)).findings.length;
  return findings;
}

if (!isMainThread) {
  checkAll(workerData.files as string[]).then((n) => parentPort!.postMessage(n));
} else {
  (async () => {
    const dir = process.argv[2];
    const files = (await fs.readdir(dir)).filter((f) => f.endsWith(".xlsx")).map((f) => path.join(dir, f));
    const t0 = process.hrtime.bigint();
    const serialFindings = await checkAll(files);
    const serialMs = Number(process.hrtime.bigint() - t0) / 1e6;
    const threads = Math.max(2, os.cpus().length);
    const t1 = process.hrtime.bigint();
    const shares = Array.from({ length: threads }, (_, k) => files.filter((_f, i) => i % threads === k));
    const counts = await Promise.all(
      shares.map(
        (share) =>
          new Promise<number>((resolve, reject) => {
            // Workers run the compiled CLI (npm install builds it): compiling TypeScript in each
            // worker would cost more than the work itself.
            const w = existsSync(COMPILED)
              ? new Worker(WORKER_JS, { eval: true, workerData: { files: share, compiled: COMPILED } })
              : new Worker(__filename, { workerData: { files: share }, execArgv: ["-r", "ts-node/register/transpile-only"] });
            w.on("message", resolve);
            w.on("error", reject);
          }),
      ),
    );
    const threadedMs = Number(process.hrtime.bigint() - t1) / 1e6;
    console.log(JSON.stringify({ files: files.length, serialMs, threadedMs, threads, serialFindings, threadedFindings: counts.reduce((a, b) => a + b, 0) }));
  })();
}
