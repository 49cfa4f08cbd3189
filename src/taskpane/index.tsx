import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import { detectHost, isOfficeJsLoaded, type HostStatus } from "../office/host";

function render(host: HostStatus): void {
  const container = document.getElementById("container");
  if (!container) return;
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={host} />
    </FluentProvider>,
  );
}

if (!isOfficeJsLoaded()) {
  // Plain browser, or the Office CDN was unreachable: render the preview right away.
  render({ kind: "preview" });
} else {
  // Inside Office (or office.js in a plain browser): render once Office.onReady has run.
  detectHost().then(render, () => render({ kind: "preview" }));
}
