/**
 * A worker thread of `iki-check`: checks the files it is sent, one at a time, and posts
 * each one's rendered report back in pieces. Running files in workers with a heap limit
 * is what keeps one file that exhausts memory from taking the others' results with it:
 * V8's out-of-memory abort cannot be caught inside the thread that hits it.
 */
import { parentPort } from "worker_threads";
import { checkFile, type FileJob } from "./check-file";
import { renderOutcome, type WorkerMessage } from "./pool";

if (!parentPort) throw new Error("worker.ts runs as a worker thread");
const port = parentPort;

port.on("message", (msg: { id: number; job: FileJob }) => {
  checkFile(msg.job)
    .then((outcome) => {
      const summary = renderOutcome(outcome, msg.job, (text) => port.postMessage({ id: msg.id, type: "chunk", text } satisfies WorkerMessage));
      port.postMessage({ id: msg.id, type: "done", summary } satisfies WorkerMessage);
    })
    .catch((e: unknown) => {
      port.postMessage({ id: msg.id, type: "crash", message: e instanceof Error ? (e.stack ?? e.message) : String(e) } satisfies WorkerMessage);
    });
});
