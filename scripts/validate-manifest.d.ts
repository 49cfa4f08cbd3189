// Types for scripts/validate-manifest.js (plain CommonJS so `node` runs it without a build).

export interface CodeRequirement {
  api: string;
  set: string;
  version: string;
  guardedAtRuntime: boolean;
  purpose?: string;
}

export interface CheckManifestOptions {
  /** Folder that https://…/assets/<file> icon URLs map to; icon files are checked when given. */
  assetsDir?: string;
  /** The Office.js APIs the code uses (src/office/requirements.ts OFFICE_APIS_USED). */
  codeRequirements?: ReadonlyArray<CodeRequirement>;
  /** Source text of the function file(s); ExecuteFunction names must be associated there. */
  commandSources?: string[];
}

export interface CheckManifestResult {
  errors: string[];
  warnings: string[];
}

export function checkManifest(xmlText: string, options?: CheckManifestOptions): CheckManifestResult;
export function readPngSize(png: Buffer): { width: number; height: number } | null;
export function compareVersions(a: string, b: string): number;
export function loadCodeRequirements(tsFile: string): CodeRequirement[];
export function validateOnline(
  manifestPath: string,
  options?: { probeTimeoutMs?: number; timeoutMs?: number },
): Promise<{ status: "passed" | "failed" | "skipped"; reason?: string }>;
export const OFFICEAPP_TASKPANE_ORDER: readonly string[];
