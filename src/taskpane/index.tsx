import { detectHost, isOfficeJsLoaded, type HostStatus } from "../office/host";
import { mountPane } from "./mount";

function render(status: HostStatus): void {
  const container = document.getElementById("container");
  if (!container) return;
  // The Excel session (a PaneHost over Office.js, src/office/pane-session.ts) is passed here
  // as `paneHost` once the adapter lands; without one the pane shows its connected status.
  mountPane(container, { status });
}

if (!isOfficeJsLoaded()) {
  // Plain browser, or the Office CDN was unreachable: render the preview right away.
  render({ kind: "preview" });
} else {
  // Inside Office (or office.js in a plain browser): render once Office.onReady has run.
  detectHost().then(render, () => render({ kind: "preview" }));
}
