/**
 * The production wiring: a WorkbookSession over the real Excel.run, with capabilities read
 * from `Office.context.requirements` at run time. Only this file (and the command and pane
 * entry points) touch the Office and Excel globals; everything else receives them.
 */
import { WorkbookSession, detectCapabilities, type SessionOptions } from "./workbook-session";
import { engineOverPort, localEngine, type Engine } from "./engine";

/** The manifest's minimum: below it recognition cannot read merged areas. */
export const MIN_EXCEL_API = "1.13";

export function isSetSupported(set: string, version: string): boolean {
  return Office.context.requirements.isSetSupported(set, version);
}

/** True when this Excel lacks the sets the add-in needs (the pane then says so). */
export function hostTooOld(): boolean {
  return !isSetSupported("ExcelApi", MIN_EXCEL_API);
}

export function createExcelSession(options: SessionOptions = {}): WorkbookSession {
  const platform = Office.context.diagnostics?.platform;
  return new WorkbookSession((runOptions, batch) => Excel.run(runOptions, batch), detectCapabilities(isSetSupported, platform === undefined ? undefined : String(platform)), {
    ...options,
    runIn: (context, batch) => Excel.run(context, batch),
  });
}

/**
 * The engine in a Web Worker (dist/engine-worker.js, beside the page: webpack entry
 * `engine-worker`, src/taskpane/engine-worker.ts), so a large check never blocks the pane.
 * Where the page cannot start one (no Worker), the engine runs here and the console says why.
 */
function engineWorker(): Engine {
  if (typeof Worker === "undefined") {
    console.warn("IKI Checker: no Web Worker in this runtime; the engine runs on the page's thread");
    return localEngine;
  }
  return engineOverPort(new Worker(new URL("engine-worker.js", window.location.href).toString()));
}

let shared: WorkbookSession | null = null;

/**
 * The one session of this runtime. The manifest declares a shared runtime (SharedRuntime
 * 1.1, `<Runtimes>`): the task pane and the ribbon's command run in the same page and the
 * same bundle, so both get this session, and their batches go through its one queue
 * instead of interleaving read-then-write batches on the same flags.
 */
export function sharedExcelSession(options: SessionOptions = {}): WorkbookSession {
  // Whoever comes first (the pane's render or a click on the ribbon's button) creates it,
  // with the engine worker either way.
  shared ??= createExcelSession({ live: true, engine: engineWorker(), ...options });
  return shared;
}
