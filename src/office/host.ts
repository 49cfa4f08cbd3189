/*
 * The task pane's connection to its host, as plain async functions: React components never
 * call Office.js themselves; index.tsx calls these and passes the results down as props.
 */

/** Where the pane runs: inside Excel, or in a plain browser (preview, no workbook). */
export type HostStatus = { kind: "excel"; platform: string | null } | { kind: "preview" };

/** True when office.js has been loaded into the page (it may still be outside Office). */
export function isOfficeJsLoaded(): boolean {
  return typeof Office !== "undefined" && typeof Office.onReady === "function";
}

/**
 * Waits for Office.js to initialise and reports the host. Resolves at once with
 * `{ kind: "preview" }` when office.js is not on the page (opened in a browser, or the
 * Office CDN could not be reached); outside Office, office.js itself reports no host.
 */
export async function detectHost(): Promise<HostStatus> {
  if (!isOfficeJsLoaded()) return { kind: "preview" };
  const info = await Office.onReady();
  if (info.host === Office.HostType.Excel) {
    return { kind: "excel", platform: info.platform ? String(info.platform) : null };
  }
  return { kind: "preview" };
}
