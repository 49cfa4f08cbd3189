/**
 * Browser e2e of the task pane: the real pane (src/taskpane) in Debian's headless Chromium,
 * over the harness host (test/e2e/harness/harness-host.ts) backed by real .xlsx fixtures
 * read through src/xlsx. The flow — load, check with progress, select both ways, override,
 * ignore and restore, live re-check, settings, language switch — and the error and empty
 * states, each view checked with axe-core (no serious or critical violations).
 *
 * Expected figures come from the engine over the same fixture, so every number the pane
 * shows is compared with what the engine computes.
 */
import "../support/dom-parser";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import { checkWorkbook, type WorkbookReport } from "../../src/engine/report";
import type { WorkbookSnapshot } from "../../src/engine/snapshot";
import { applyChanges } from "../../src/engine/incremental";
import { parseCellAddress } from "../../src/engine/address";
import { parseBindings, type Bindings } from "../../src/office/bindings";
import {
  chromiumAvailable,
  CHROMIUM,
  containsText,
  eventually,
  FIXTURES,
  hasCount,
  launch,
  openHarness,
  pageErrors,
  ROOT,
  seriousViolations,
  type AxeViolation,
} from "./support/harness";

jest.setTimeout(180_000);

const available = chromiumAvailable();
if (!available) {
  const msg = `Chromium not found at ${CHROMIUM}: the task-pane e2e needs it (.ci/run installs it with apt-get).`;
  if (process.env.CI) throw new Error(msg);
  console.warn(`${msg} Skipping.`);
}
const describeIf = available ? describe : describe.skip;

const idNumber = (v: number): string => new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 }).format(v);
const enNumber = (v: number): string => new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 }).format(v);

function describeViolations(v: AxeViolation[]): string {
  return v.map((x) => `${x.impact} ${x.id}: ${x.help} — ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`).join("\n");
}

async function expectAccessible(page: Page): Promise<void> {
  // At rest: Fluent's buttons animate colour for ~200 ms after a click, which axe would
  // sample half-way (a contrast it never has at rest).
  await page.mouse.move(0, 0);
  await page.waitForTimeout(400);
  const v = await seriousViolations(page);
  expect(describeViolations(v)).toBe("");
}

/** The grid's selection reaches the expected cell (the host's select is a round trip). */
async function expectSelected(page: Page, ref: { sheet: string; cell: string }): Promise<void> {
  await eventually(() => harness<unknown>(page, "h => h.selected()"), (v) => JSON.stringify(v) === JSON.stringify(ref), `grid selection ${ref.sheet}!${ref.cell}`);
}

/** The IKI Checker part the workbook holds now, parsed as the add-in reads it. */
async function storedBindings(page: Page): Promise<Bindings> {
  const parsed = parseBindings(await harness<string>(page, "h => h.storedPart()"));
  expect(parsed.problems).toEqual([]);
  return parsed.bindings;
}

async function harness<T>(page: Page, fn: string): Promise<T> {
  return page.evaluate(`(${fn})(window.harness)`) as Promise<T>;
}

describeIf("task pane in Chromium over the harness host", () => {
  let browser: Browser;
  let workbook: WorkbookSnapshot;
  let report: WorkbookReport;

  beforeAll(async () => {
    browser = await launch();
    workbook = await readWorkbookFile(path.join(ROOT, FIXTURES.pengukuran));
    report = checkWorkbook(workbook);
  });
  afterAll(async () => {
    await browser?.close();
  });

  test("the whole flow on the measurement workbook: load, select, override, ignore, live edit, settings, language", async () => {
    const page = await openHarness(browser, { width: 320, query: { fixture: "pengukuran", delay: "150", worker: "1" } });

    // --- Load: the progress bar shows while the sheets are checked, then the summary.
    await page.getByTestId("check-progress").waitFor();
    // The real host knows how many sheets there are after its first round trip.
    await eventually(() => page.getByTestId("check-progress").textContent(), (t) => /Memeriksa lembar \d dari 3/.test(t ?? ""), "per-sheet progress");
    await page.getByTestId("view-summary").waitFor();
    await page.getByTestId("check-progress").waitFor({ state: "detached" });
    // The pane's host calls went through Microsoft's Excel client library in the page: its
    // ProcessQuery requests, one read and one write for the check (after the sheet names),
    // each with delayForCellEdit (flag 64), then Excel.run's own cleanup request.
    const first = (await harness<{ batch: number; flags: number; wrote: boolean; cleanup: boolean }[]>(page, "h => h.requests()")).filter((r) => r.batch === 1);
    expect(first.filter((r) => !r.cleanup).map((r) => r.wrote)).toEqual([false, false, true]);
    expect(first.every((r) => (r.flags & 64) === 64)).toBe(true);
    expect(await page.evaluate(() => typeof (window as unknown as { OfficeExtension?: { HttpUtility?: unknown } }).OfficeExtension?.HttpUtility)).toBe("function");
    // The engine ran in the pane's Web Worker: one answer per sheet of the check.
    expect(await harness<number>(page, "h => h.engineRequests()")).toBeGreaterThanOrEqual(3);

    const tables = report.sheets.flatMap((s) => s.tables);
    const indicators = tables.flatMap((t) => t.indicators);
    const errors = report.findings.filter((f) => f.severity === "error").length;
    const warnings = report.findings.filter((f) => f.severity === "warning").length;
    expect(tables.length).toBe(3);
    const summary = page.getByTestId("view-summary");
    await expect(summary.getByRole("heading", { level: 2 }).first().textContent()).resolves.toBe(`${tables.length} tabel, ${indicators.length} indikator`);
    await expect(summary.locator("[data-severity=error]").first().textContent()).resolves.toBe(`${errors} galat`);
    await expect(summary.locator("[data-severity=warning]").first().textContent()).resolves.toBe(`${warnings} peringatan`);
    // The class chart counts what the engine classed.
    const chart = await page.getByTestId("class-chart").locator("li").allTextContents();
    const sangatTinggi = indicators.filter((i) => i.measurement.class === "Sangat Tinggi").length;
    expect(sangatTinggi).toBeGreaterThan(0);
    expect(chart[0]).toBe(`Sangat Tinggi${sangatTinggi}`);
    // Per table: Jabatan and the kinds.
    const tableCards = page.getByTestId("table-summary");
    await expect(tableCards.count()).resolves.toBe(3);
    await expect(tableCards.nth(0).textContent()).resolves.toContain(`Jabatan: ${tables[0].meta.jabatan}`);
    await expectAccessible(page);

    // "Periksa ulang" shows the progress bar again.
    await page.getByTestId("recheck").click();
    await page.getByTestId("check-progress").waitFor();
    await page.getByTestId("check-progress").waitFor({ state: "detached" });

    // --- Pane → grid: opening a row selects its indicator cell.
    await page.getByTestId("tab-indicators").click();
    const list = page.getByTestId("view-indicators");
    await list.waitFor();
    const row14 = page.locator('[data-testid="indicator"][data-key="Rencana Aksi 2024!14"]');
    await row14.locator("button").first().click();
    const indikatorCol = report.sheets[0].tables[0].columns.indikator as string;
    await expectSelected(page, { sheet: "Rencana Aksi 2024", cell: `${indikatorCol}14` });
    const details = row14.getByTestId("indicator-details");
    await details.waitFor();
    // Why the engine decided: the evidence of the report, per decision.
    const ind14 = report.sheets[0].tables[0].indicators.find((i) => i.row === 14)!;
    const evidence = await details.getByTestId("evidence").textContent();
    expect(evidence).toContain(`“${ind14.evidence.aggregation.text}”`);
    expect(evidence).toContain(`“${ind14.evidence.kind[0].text}”`);
    // Its YTD capaian: none, with the reason written out — TW II is typed "tiga", and nothing
    // unreadable is computed with (issue #14).
    expect(ind14.capaian).toBeNull();
    expect(ind14.measurement.reason).toBe("unreadable-realisation");
    await expect(row14.locator("button").first().textContent()).resolves.not.toContain("Capaian:");
    await expect(details.textContent()).resolves.toContain("realisasi tidak terbaca sebagai angka");
    await expectAccessible(page);

    // --- Grid → pane: a click in another sheet's indicator row selects it in the pane.
    const other = report.sheets[2].tables[0].indicators[3];
    await harness(page, `h => h.userSelects({ sheet: "Pengukuran TW", cell: "F${other.row}" })`);
    const otherItem = page.locator(`[data-testid="indicator"][data-key="Pengukuran TW!${other.row}"]`);
    await otherItem.getByTestId("indicator-details").waitFor();
    await expect(otherItem.locator("button").first().getAttribute("aria-expanded")).resolves.toBe("true");
    await expect(page.getByTestId("sheet-filter").inputValue()).resolves.toBe("Pengukuran TW");
    await expect(row14.count()).resolves.toBe(0); // the list moved to the other sheet

    // --- Override: polarity negative on a positive row; saved in the workbook, re-measured at once.
    const target = indicators.find((i) => i.polarity === "positive" && i.capaian !== null && i.capaian !== 100 && report.sheets[2].tables[0].indicators.includes(i));
    expect(target).toBeDefined();
    const withOverride = checkWorkbook(workbook, { overrides: { [`Pengukuran TW!${target!.row}`]: { polarity: "negative" } } });
    const overridden = withOverride.sheets[2].tables[0].indicators.find((i) => i.row === target!.row)!;
    expect(overridden.capaian).not.toBe(target!.capaian);
    await harness(page, `h => h.userSelects({ sheet: "Pengukuran TW", cell: "C${target!.row}" })`);
    const targetItem = page.locator(`[data-testid="indicator"][data-key="Pengukuran TW!${target!.row}"]`);
    await targetItem.getByTestId("override-polarity").selectOption("negative");
    await containsText(targetItem.locator("button").first(), `Capaian: ${idNumber(overridden.capaian!)}%`);
    await containsText(targetItem.locator("button").first(), "diubah");
    const stored = await storedBindings(page);
    expect(stored.overrides.find((o) => o.sheet === "Pengukuran TW" && o.row === target!.row)?.overrides).toEqual({ polarity: "negative" });
    // Back to automatic.
    await targetItem.getByRole("button", { name: "Kembalikan ke otomatis" }).click();
    await containsText(targetItem.locator("button").first(), `Capaian: ${idNumber(target!.capaian!)}%`);
    expect((await storedBindings(page)).overrides).toEqual([]);

    // --- Temuan: grouped by severity and rule, go to cell, ignore and restore.
    await page.getByTestId("tab-findings").click();
    await page.getByTestId("view-findings").waitFor();
    const ruleIds = [...new Set(report.findings.filter((f) => f.severity === "error").map((f) => f.rule))].sort();
    const shownRules = await page.getByTestId("severity-error").getByTestId("rule-group").evaluateAll((els) => els.map((e) => e.getAttribute("data-rule")));
    expect([...shownRules].sort()).toEqual(ruleIds);
    await page.getByTestId("severity-error").getByTestId("rule-doc").first().waitFor();
    const notNumeric = report.findings.find((f) => f.rule === "realisasi-not-numeric")!;
    const key = `${notNumeric.rule}@${notNumeric.sheet}!${notNumeric.cell}`;
    const item = page.locator(`[data-testid="finding"][data-key="${key}"]`);
    await expect(item.textContent()).resolves.toContain(notNumeric.messages.id);
    await item.getByRole("button", { name: `Ke sel ${notNumeric.cell} di lembar ${notNumeric.sheet}` }).click();
    await expectSelected(page, { sheet: notNumeric.sheet, cell: notNumeric.cell });
    await expectAccessible(page);

    await item.getByRole("button", { name: `Abaikan temuan di ${notNumeric.cell}` }).click();
    await item.waitFor({ state: "detached" });
    await expect(page.getByTestId("tab-findings").textContent()).resolves.toContain(String(report.findings.length - 1));
    expect((await storedBindings(page)).ignored).toEqual([key]);
    expect(await harness<string[]>(page, "h => h.flags()")).not.toContain(`${notNumeric.sheet}!${notNumeric.cell}`);
    const ignored = page.getByTestId("ignored");
    await expect(ignored.textContent()).resolves.toContain(`${notNumeric.sheet}!${notNumeric.cell}`);
    await ignored.getByRole("button", { name: `Pulihkan temuan di ${notNumeric.cell}` }).click();
    await item.waitFor();
    expect((await storedBindings(page)).ignored).toEqual([]);

    // --- Live: the user types 3 over "tiga"; the host re-checks and the finding goes.
    await harness(page, `h => h.userTypes({ sheet: "${notNumeric.sheet}", cell: "${notNumeric.cell}" }, 3)`);
    await item.waitFor({ state: "detached" });
    // …and the row is re-measured: 8 of 8 documents, as the engine says for the edited sheet.
    const edited = checkWorkbook({ sheets: workbook.sheets.map((sh) => (sh.name === notNumeric.sheet ? applyChanges(sh, [{ ...parseCellAddress(notNumeric.cell), value: 3 }])! : sh)) });
    const editedRow = edited.sheets[0].tables[0].indicators.find((i) => i.row === notNumeric.indicatorRow)!;
    expect(editedRow.capaian).toBe(100);
    await page.getByTestId("tab-indicators").click();
    await containsText(page.locator(`[data-key="${notNumeric.sheet}!${notNumeric.indicatorRow}"] button`).first(), "Capaian: 100%");

    // --- Settings: another band set re-classes; a rule switched off drops its findings.
    await page.getByTestId("tab-settings").click();
    await page.getByTestId("view-settings").waitFor();
    await expectAccessible(page);
    await page.getByRole("radio", { name: /Sangat Berhasil/ }).check();
    await eventually(() => harness<string>(page, "h => h.storedPart()"), (p) => p.includes('bandSet="berhasil"'), "band set stored");
    await page.locator('[data-rule="capaian-mismatch"] select').selectOption("off");
    await eventually(() => harness<string>(page, "h => h.storedPart()"), (p) => p.includes('<rule id="capaian-mismatch" severity="off"/>'), "rule off stored");
    await page.getByTestId("tab-summary").click();
    await containsText(page.getByTestId("class-chart").locator("li").first(), "Sangat Berhasil");
    await page.getByTestId("tab-findings").click();
    await hasCount(page.locator('[data-rule="capaian-mismatch"]'), 0);

    // --- Language: English everywhere, numbers with the point; kept for the next session.
    await page.getByTestId("lang-en").click();
    await page.getByRole("tab", { name: "Summary", exact: true }).waitFor();
    await containsText(page.getByTestId("tab-findings"), "Findings");
    const gap = report.findings.find((f) => f.rule === "realisasi-gap")!;
    await containsText(page.locator(`[data-testid="finding"][data-key="${gap.rule}@${gap.sheet}!${gap.cell}"]`), gap.messages.en);
    await eventually(() => page.locator("html").getAttribute("lang"), (l) => l === "en", "html lang=en");
    // The notes in the grid follow the language from the next check on.
    await page.getByTestId("tab-summary").click();
    await page.getByTestId("recheck").click();
    await eventually(() => harness<string | null>(page, `h => h.cellNote("${gap.sheet}", "${gap.cell}")`), (n) => (n ?? "").startsWith(`[IKI Checker ${gap.cell}]\nWarning realisasi-gap: ${gap.messages.en}`), "an English note");
    await page.getByTestId("tab-findings").click();
    await expectAccessible(page);
    // A capaian with decimals, printed with the point in English.
    const decimal = report.sheets
      .flatMap((sh) => sh.tables.flatMap((t) => t.indicators.map((i) => ({ sheet: sh.name, i }))))
      .find(({ sheet, i }) => i.capaian !== null && !Number.isInteger(i.capaian) && !(sheet === "Rencana Aksi 2024" && i.row === 14))!;
    expect(decimal).toBeDefined();
    await page.getByTestId("tab-indicators").click();
    await harness(page, `h => h.userSelects({ sheet: "${decimal.sheet}", cell: "C${decimal.i.row}" })`);
    await page.getByTestId("indicator-details").waitFor();
    await containsText(page.locator(`[data-key="${decimal.sheet}!${decimal.i.row}"] button`).first(), `Achievement: ${enNumber(decimal.i.capaian!)}%`);
    await page.reload();
    await page.getByTestId("view-summary").waitFor();
    await page.getByRole("tab", { name: "Summary", exact: true }).waitFor();

    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test("a definition-only workbook with hundreds of findings stays usable and accessible", async () => {
    const seed = checkWorkbook(await readWorkbookFile(path.join(ROOT, FIXTURES.seed002)));
    const page = await openHarness(browser, { width: 320, query: { fixture: "seed002" } });
    await page.getByTestId("view-summary").waitFor();
    const tables = seed.sheets.flatMap((s) => s.tables);
    await hasCount(page.getByTestId("table-summary"), tables.length);
    await containsText(page.getByTestId("view-summary"), "Belum ada capaian");
    await expectAccessible(page);
    await page.getByTestId("tab-findings").click();
    await page.getByTestId("view-findings").waitFor();
    await containsText(page.getByTestId("tab-findings"), String(seed.findings.length));
    // Large lists start folded: no finding rendered until a group is opened, then a page of 25.
    await hasCount(page.getByTestId("finding"), 0);
    const vague = seed.findings.filter((f) => f.rule === "indicator-vague");
    expect(vague.length).toBeGreaterThan(25);
    await page.locator('[data-rule="indicator-vague"] button').first().click();
    await hasCount(page.getByTestId("finding"), 25);
    await page.getByRole("button", { name: "Tampilkan 25 lagi" }).click();
    await hasCount(page.getByTestId("finding"), Math.min(50, vague.length));
    await expectAccessible(page);
    await page.getByTestId("tab-indicators").click();
    await hasCount(page.getByTestId("indicator"), seed.sheets[0].tables.flatMap((t) => t.indicators).length);
    await expectAccessible(page);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test("the Capaian column command writes the engine's native formulas into the add-in's own column", async () => {
    const page = await openHarness(browser, { width: 320, query: { fixture: "pengukuran" } });
    await page.getByTestId("view-summary").waitFor();
    const table = report.sheets.find((sh) => sh.name === "Pengukuran TW")!.tables[0];
    const rows = table.indicators.filter((i) => i.measurement.nativeFormula);
    expect(rows.length).toBeGreaterThan(5);
    const card = page.getByTestId("table-summary").nth(2);
    await card.getByTestId("fill-capaian").click();
    await containsText(card.getByTestId("fill-capaian-result"), `${rows.length} rumus ditulis di kolom K.`);
    for (const i of rows) {
      await expect(harness(page, `h => h.cellFormula("Pengukuran TW", "K${i.row}")`)).resolves.toBe(i.measurement.nativeFormula);
    }
    await expectAccessible(page);
    expect(pageErrors(page)).toEqual([]);
    await page.context().close();
  });

  test("errors and empty states are written for users", async () => {
    // No indicator table in the workbook.
    let page = await openHarness(browser, { width: 320, query: { fixture: "non-indicator" } });
    await page.getByTestId("no-tables").waitFor();
    await containsText(page.getByTestId("no-tables"), "Tidak ada tabel indikator");
    await expectAccessible(page);
    await page.context().close();

    // Host too old.
    page = await openHarness(browser, { width: 320, query: { fixture: "pengukuran", tooOld: "1", lang: "en" } });
    await page.getByTestId("check-failed").waitFor();
    await containsText(page.getByTestId("check-failed"), "This version of Excel is too old");
    await containsText(page.getByTestId("check-failed"), "ExcelApi 1.13");
    await expectAccessible(page);
    await page.context().close();

    // The workbook's stored part is damaged: checked anyway, with a notice.
    page = await openHarness(browser, { width: 320, query: { fixture: "pengukuran", damaged: "1" } });
    await page.getByTestId("view-summary").waitFor();
    await containsText(page.getByTestId("notice-bindings-damaged"), "rusak dan diabaikan");
    await expectAccessible(page);
    await page.getByTestId("notice-bindings-damaged").getByRole("button", { name: "Tutup" }).click();
    await hasCount(page.getByTestId("notice-bindings-damaged"), 0);
    await page.context().close();

    // An unexpected host failure: a message and "try again", never a stack trace.
    page = await openHarness(browser, { width: 320, query: { fixture: "pengukuran", fail: "RichApi.Error: GeneralException\n    at Excel.run (office.js:1:2)" } });
    await page.getByTestId("check-failed").waitFor();
    const text = await page.getByTestId("check-failed").textContent();
    expect(text).toContain("Buku kerja tidak dapat diperiksa");
    expect(text).not.toContain("office.js:1:2");
    await page.getByRole("button", { name: "Coba lagi" }).waitFor();
    await expectAccessible(page);
    await page.context().close();
  });
});
