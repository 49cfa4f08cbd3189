/**
 * Files checked N at a time, the report written in input order.
 *
 * Each file runs in a worker thread with a heap limit, so a file that exhausts memory
 * ends only its own worker: its entry in the report says so and the others are checked
 * (a replacement worker takes over). A file's report is held until it is complete and
 * written when its turn comes; at most 2·N files are in flight or waiting, so memory is
 * bounded by the jobs, not by the number of files.
 */
import os from "os";
import path from "path";
import { Worker } from "worker_threads";
import { checkFile, writeFileHuman, writeFileJson, type FileJob, type FileOutcome } from "./check-file";
import { buffered, type Sink } from "./json-stream";
import { MESSAGES } from "./messages";

/** What a file's report adds up to, for the exit code. */
export interface FileSummary {
  file: string;
  unreadable: boolean;
  errorFindings: number;
  /** Lines for stderr, in order (errors and notices). */
  stderr: string[];
}

export type WorkerMessage =
  | { id: number; type: "chunk"; text: string }
  | { id: number; type: "done"; summary: FileSummary }
  | { id: number; type: "crash"; message: string };

/** Renders a file's report (JSON element or human text) into `sink`; its summary. */
export function renderOutcome(outcome: FileOutcome, job: FileJob, sink: Sink): FileSummary {
  const out = buffered(sink);
  if (job.json) writeFileJson(outcome, out.write);
  else if (!outcome.error || outcome.sheets.length > 0) {
    writeFileHuman(outcome, job.lang, out.write);
    out.write("\n"); // a blank line between files
  }
  out.flush();
  return {
    file: outcome.file,
    unreadable: outcome.error !== null,
    errorFindings: outcome.findings.filter((f) => f.severity === "error").length,
    stderr: [...(outcome.error ? [outcome.error] : []), ...outcome.notices],
  };
}

export interface PoolOptions {
  jobs: number;
  /** Run files in this thread (tests under ts-jest, which cannot start the compiled worker). */
  inProcess?: boolean;
  /** Heap limit per worker, MB. */
  heapMb?: number;
}

/** A file's rendered report, complete. */
export interface Rendered {
  chunks: string[];
  summary: FileSummary;
}

/** The heap each worker may use: a share of the machine's memory, within sensible bounds. */
export function defaultHeapMb(jobs: number): number {
  const share = (os.totalmem() / 1024 / 1024) * 0.6 / Math.max(1, jobs);
  return Math.round(Math.min(4096, Math.max(768, share)));
}

function crashed(job: FileJob, code: "out-of-memory" | "engine-failed", detail: string): Rendered {
  const m = MESSAGES[job.lang];
  const outcome: FileOutcome = {
    file: job.file,
    error: code === "out-of-memory" ? m.unreadable(job.file, m.reasons["out-of-memory"]()) : `${job.file}: ${m.engineFailed("*", detail)}`,
    errorCode: code,
    sheets: [],
    findings: [],
    notices: [],
  };
  const chunks: string[] = [];
  const summary = renderOutcome(outcome, job, (t) => chunks.push(t));
  return { chunks, summary };
}

/**
 * Checks `jobs`, calling `emit` with each file's complete report in input order (awaited,
 * so a slow stdout holds the pool back rather than filling memory).
 */
export async function runPool(jobs: readonly FileJob[], options: PoolOptions, emit: (index: number, r: Rendered) => Promise<void>): Promise<void> {
  if (options.inProcess) {
    for (let i = 0; i < jobs.length; i++) {
      const chunks: string[] = [];
      const summary = renderOutcome(await checkFile(jobs[i]), jobs[i], (t) => chunks.push(t));
      await emit(i, { chunks, summary });
    }
    return;
  }
  const n = Math.max(1, Math.min(options.jobs, jobs.length));
  const heapMb = options.heapMb ?? defaultHeapMb(n);
  const workerFile = path.join(__dirname, "worker.js");
  const window = 2 * n;
  const done = new Map<number, Rendered>();
  let next = 0; // next index to emit
  let dispatched = 0;
  let emitting: Promise<void> = Promise.resolve();
  const idle: Worker[] = [];
  const all = new Set<Worker>();

  await new Promise<void>((resolve, reject) => {
    let failure: unknown = null;
    const finishIfDone = (): void => {
      if (failure) return;
      if (next === jobs.length) resolve();
    };
    const flush = (): void => {
      emitting = emitting
        .then(async () => {
          while (done.has(next)) {
            const r = done.get(next)!;
            done.delete(next);
            await emit(next, r);
            next++;
          }
          pump();
          finishIfDone();
        })
        .catch((e: unknown) => {
          failure = e;
          reject(e);
        });
    };
    const start = (worker: Worker): void => {
      if (dispatched >= jobs.length || dispatched >= next + window) {
        idle.push(worker);
        return;
      }
      const id = dispatched++;
      const job = jobs[id];
      const chunks: string[] = [];
      const onMessage = (msg: WorkerMessage): void => {
        if (msg.id !== id) return;
        if (msg.type === "chunk") chunks.push(msg.text);
        else {
          worker.off("message", onMessage);
          worker.off("error", onError);
          worker.off("exit", onExit);
          done.set(id, msg.type === "done" ? { chunks, summary: msg.summary } : crashed(job, "engine-failed", msg.message.split("\n")[0]));
          start(worker);
          flush();
        }
      };
      const onError = (e: Error & { code?: string }): void => {
        worker.off("message", onMessage);
        worker.off("exit", onExit);
        all.delete(worker);
        done.set(id, crashed(job, e.code === "ERR_WORKER_OUT_OF_MEMORY" ? "out-of-memory" : "engine-failed", e.message));
        start(spawn());
        flush();
      };
      const onExit = (code: number): void => {
        onError(Object.assign(new Error(`worker exited with code ${code}`), { code: "ERR_WORKER_EXIT" }));
      };
      worker.on("message", onMessage);
      worker.once("error", onError);
      worker.once("exit", onExit);
      worker.postMessage({ id, job });
    };
    const spawn = (): Worker => {
      const w = new Worker(workerFile, { resourceLimits: { maxOldGenerationSizeMb: heapMb } });
      all.add(w);
      return w;
    };
    const pump = (): void => {
      while (idle.length > 0 && dispatched < jobs.length && dispatched < next + window) start(idle.pop()!);
    };
    if (jobs.length === 0) resolve();
    for (let i = 0; i < n; i++) start(spawn());
  }).finally(async () => {
    await Promise.all([...all].map((w) => w.terminate()));
  });
}
