import { detectHost, isOfficeJsLoaded, type HostStatus } from "../office/host";
import { hostTooOld, sharedExcelSession } from "../office/excel-host";
// The ribbon's command lives in this page too (shared runtime): it registers itself on import.
import "../commands/commands";
import type { PaneHost } from "./host-api";
import { mountPane } from "./mount";
import { loadLang } from "../settings/lang";

/** A host that can only say it is too old: the pane shows why and what to do. */
function tooOldHost(): PaneHost {
  const refuse = (): Promise<never> => Promise.reject(Object.assign(new Error("ExcelApi 1.13 is not supported"), { code: "host-too-old" }));
  return {
    check: refuse,
    select: async () => undefined,
    setOverride: refuse,
    setIgnored: refuse,
    setSettings: refuse,
    clearFlags: async () => 0,
    onSelectionChanged: () => () => undefined,
    onStateChanged: () => () => undefined,
  };
}

function render(status: HostStatus): void {
  const container = document.getElementById("container");
  if (!container) return;
  if (status.kind !== "excel") {
    mountPane(container, { status });
    return;
  }
  if (hostTooOld()) {
    mountPane(container, { status, paneHost: tooOldHost() });
    return;
  }
  const session = sharedExcelSession({ lang: loadLang(), live: true });
  // The pane is closing: remove the event handlers it registered (best effort: the runtime
  // may already be going away, and there is nobody left to tell).
  window.addEventListener("pagehide", () => {
    session.stopLive().catch((e: unknown) => console.warn("IKI Checker: handlers not removed", e));
  });
  mountPane(container, { status, paneHost: session });
}

if (!isOfficeJsLoaded()) {
  // Plain browser, or the Office CDN was unreachable: render the preview right away.
  render({ kind: "preview" });
} else {
  // Inside Office (or office.js in a plain browser): render once Office.onReady has run.
  detectHost().then(render, () => render({ kind: "preview" }));
}
