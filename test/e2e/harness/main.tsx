/**
 * The harness page's script: the real pane (src/taskpane) over the harness host, with the
 * workbook a test served as JSON (read from a real .xlsx fixture by src/xlsx in Node).
 *
 *   ?fixture=NAME     fixtures/NAME.json (required)
 *   &lang=id|en       stored language preference before the pane starts
 *   &tab=ID           view to open first (summary, indicators, findings, settings)
 *   &delay=MS         per-sheet delay of the check (progress bar)
 *   &tooOld=1 &damaged=1 &fail=TEXT   host conditions (see HarnessOptions)
 *   &worker=1         the engine in the pane's Web Worker (engine-worker.js)
 */
import type { WorkbookSnapshot } from "../../../src/engine/snapshot";
import { mountPane } from "../../../src/taskpane/mount";
import { saveLang } from "../../../src/settings/lang";
import type { TabId } from "../../../src/taskpane/Pane";
import { createHarnessHost, type HarnessHost } from "./harness-host";
import { workbookFromJson } from "../../support/grid";

declare global {
  interface Window {
    harness?: HarnessHost;
    harnessError?: string;
  }
}

async function start(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const lang = params.get("lang");
  if (lang === "id" || lang === "en") saveLang(lang);
  const response = await fetch(`fixtures/${encodeURIComponent(params.get("fixture") ?? "")}.json`);
  if (!response.ok) throw new Error(`fixture: HTTP ${response.status}`);
  const workbook: WorkbookSnapshot = workbookFromJson(await response.text());
  const host = createHarnessHost(workbook, {
    storedPart: params.get("damaged") ? "<iki-checker version=\"1\"><overrides>" : (params.get("stored") ?? undefined),
    hostTooOld: params.get("tooOld") === "1",
    failCheck: params.get("fail") ?? undefined,
    sheetDelayMs: Number(params.get("delay") ?? 0),
    worker: params.get("worker") === "1",
  });
  window.harness = host;
  const container = document.getElementById("container");
  if (!container) throw new Error("no #container");
  mountPane(container, { status: { kind: "excel", platform: "harness" }, paneHost: host, initialTab: (params.get("tab") as TabId | null) ?? undefined });
}

start().catch((e: unknown) => {
  window.harnessError = String(e);
});
