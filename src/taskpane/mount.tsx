/** Renders the pane into a container: used by index.tsx (Excel, preview) and the e2e harness. */
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "./App";
import type { HostStatus } from "../office/host";
import type { PaneHost } from "./host-api";
import type { TabId } from "./Pane";
import { loadLang, saveLang } from "../settings/lang";

export interface MountOptions {
  status: HostStatus;
  paneHost?: PaneHost;
  initialTab?: TabId;
}

export function mountPane(container: HTMLElement, { status, paneHost, initialTab }: MountOptions): void {
  createRoot(container).render(
    <FluentProvider theme={webLightTheme}>
      <App host={status} paneHost={paneHost} initialLang={loadLang()} onLangChange={saveLang} initialTab={initialTab} />
    </FluentProvider>,
  );
}
