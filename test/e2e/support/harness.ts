/**
 * Node side of the browser e2e: bundles the harness page with esbuild, reads the fixture
 * workbooks through src/xlsx, and serves both to Debian's Chromium (driven by
 * playwright-core) through request interception — no server, no network: every request
 * outside the harness origin is aborted. The page also loads Microsoft's Excel client
 * library (@microsoft/office-js, excel-web-16.00.debug.js) from node_modules, so the pane's
 * host calls go through it to the simulated Excel in the page.
 */
import * as fs from "fs";
import * as path from "path";
import { build } from "esbuild";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { readWorkbookFile } from "../../../src/xlsx/read-workbook";
import { workbookToJson } from "../../support/grid";

export const ROOT = path.resolve(__dirname, "../../..");
export const ORIGIN = "https://iki-harness.test";
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/** Microsoft's Excel client library, loaded by the harness page as an add-in page loads office.js. */
export const LIBRARY = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

export const FIXTURES: Record<string, string> = {
  pengukuran: "test/fixtures/workbooks/pengukuran-bkpsdm-2024.xlsx",
  seed002: "test/fixtures/workbooks/seed-002-iki-kesbangpol-kukar-2025.xlsx",
  "non-indicator": "test/fixtures/workbooks/non-indicator.xlsx",
};

const HTML = `<!doctype html>
<html lang="id">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>IKI Checker</title>
  </head>
  <body style="margin: 0">
    <div id="container"></div>
    <script src="excel-web-16.00.debug.js"></script>
    <script src="harness.js"></script>
  </body>
</html>`;

let bundle: Promise<string> | null = null;

/** The harness page's script (one esbuild bundle per process). */
export function harnessBundle(): Promise<string> {
  bundle ??= build({
    entryPoints: [path.join(ROOT, "test/e2e/harness/main.tsx")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    minify: true,
    sourcemap: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  }).then((r) => r.outputFiles[0].text);
  return bundle;
}

let workerBundle: Promise<string> | null = null;

/** The pane's engine worker (src/taskpane/engine-worker.ts), bundled as webpack would. */
export function engineWorkerBundle(): Promise<string> {
  workerBundle ??= build({
    entryPoints: [path.join(ROOT, "src/taskpane/engine-worker.ts")],
    bundle: true,
    write: false,
    format: "iife",
    platform: "browser",
    target: "es2020",
    minify: true,
    logLevel: "silent",
  }).then((r) => r.outputFiles[0].text);
  return workerBundle;
}

const fixtureJson = new Map<string, Promise<string>>();

export function fixture(name: string): Promise<string> {
  let json = fixtureJson.get(name);
  if (!json) {
    const file = FIXTURES[name];
    if (!file) throw new Error(`unknown fixture ${name}`);
    json = readWorkbookFile(path.join(ROOT, file)).then((wb) => workbookToJson(wb));
    fixtureJson.set(name, json);
  }
  return json;
}

export function chromiumAvailable(): boolean {
  return fs.existsSync(CHROMIUM);
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
}

export interface OpenOptions {
  width?: number;
  height?: number;
  query: Record<string, string>;
  scale?: number;
  /** An ISO time the page's clock shows (screenshots), e.g. "2026-11-29T08:30:00+07:00". */
  fixedTime?: string;
}

/** A new page (own context: own localStorage) showing the harness with the given query. */
export async function openHarness(browser: Browser, { width = 320, height = 800, query, scale = 1, fixedTime }: OpenOptions): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale, locale: "id-ID", timezoneId: "Asia/Jakarta" });
  const page = await context.newPage();
  // Date only (timers keep running): the "checked at" time in screenshots stays the same.
  if (fixedTime) await page.clock.setFixedTime(new Date(fixedTime));
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  (page as Page & { harnessErrors?: string[] }).harnessErrors = errors;
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== ORIGIN) return route.abort();
    const p = url.pathname;
    if (p === "/" || p === "/index.html") return route.fulfill({ contentType: "text/html; charset=utf-8", body: HTML });
    if (p === "/harness.js") return route.fulfill({ contentType: "text/javascript; charset=utf-8", body: await harnessBundle() });
    if (p === "/engine-worker.js") return route.fulfill({ contentType: "text/javascript; charset=utf-8", body: await engineWorkerBundle() });
    if (p === "/excel-web-16.00.debug.js") return route.fulfill({ contentType: "text/javascript; charset=utf-8", body: fs.readFileSync(LIBRARY, "utf8") });
    const fx = /^\/fixtures\/([\w-]+)\.json$/.exec(p);
    if (fx && FIXTURES[fx[1]]) return route.fulfill({ contentType: "application/json", body: await fixture(fx[1]) });
    const asset = /^\/assets\/([\w-]+\.png)$/.exec(p);
    if (asset && fs.existsSync(path.join(ROOT, "assets", asset[1]))) return route.fulfill({ contentType: "image/png", body: fs.readFileSync(path.join(ROOT, "assets", asset[1])) });
    return route.fulfill({ status: 404, body: "not found" });
  });
  await page.goto(`${ORIGIN}/index.html?${new URLSearchParams(query).toString()}`);
  return page;
}

export function pageErrors(page: Page): string[] {
  return (page as Page & { harnessErrors?: string[] }).harnessErrors ?? [];
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core in the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== "undefined");
  if (!loaded) await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Fluent's keyboard navigation (tabster) puts focusable, aria-hidden <i data-tabster-dummy>
    // sentinels around a TabList that only forward focus; axe's aria-hidden-focus flags them.
    // By design upstream (microsoft/fluentui#27517, microsoft/tabster#288), so left out here.
    const result = await axe.run({ exclude: [["[data-tabster-dummy]"]] } as unknown as Document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, html: n.html.slice(0, 200) })) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical");
}

/** Polls `read` until `ok` holds (the page updates asynchronously); throws with the last value. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

export const containsText = (l: Locator, text: string): Promise<string | null> =>
  eventually(() => l.first().textContent(), (t) => (t ?? "").includes(text), `text containing ${JSON.stringify(text)}`);
export const hasText = (l: Locator, text: string): Promise<string | null> =>
  eventually(() => l.first().textContent(), (t) => (t ?? "").trim() === text, `text ${JSON.stringify(text)}`);
export const hasCount = (l: Locator, n: number): Promise<number> => eventually(() => l.count(), (c) => c === n, `${n} elements`);
