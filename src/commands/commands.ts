/*
 * The ribbon's ExecuteFunction button (manifest.xml: <FunctionFile resid="Taskpane.Url"/>).
 * The add-in uses a shared runtime: this module is part of the task pane's bundle
 * (src/taskpane/index.tsx imports it), so the command and the pane share one session and
 * one queue of batches.
 *
 * "Periksa IKI" (FunctionName `checkWorkbook`) checks the whole workbook without opening the
 * pane: reads it, runs the engine, writes the inline flags, then shows the counts in a
 * small dialog (Excel has no notification API for add-in commands; DialogApi 1.1 is
 * checked at run time — without it the flags themselves are the feedback).
 */
import { hostTooOld, isSetSupported, sharedExcelSession } from "../office/excel-host";
import { summaryQuery, type SummaryCounts } from "./summary-text";
import { loadLang } from "../settings/lang";

function countsOf(state: Awaited<ReturnType<ReturnType<typeof sharedExcelSession>["check"]>>): SummaryCounts {
  const tables = state.report.sheets.flatMap((s) => s.tables);
  const by = (sev: string): number => state.report.findings.filter((f) => f.severity === sev).length;
  return { tables: tables.length, indicators: tables.reduce((n, t) => n + t.indicators.length, 0), error: by("error"), warning: by("warning"), info: by("info"), failed: false };
}

/** Opens the summary dialog; resolves when it is closed (or could not open). */
function showSummary(counts: SummaryCounts, lang: "id" | "en"): Promise<void> {
  if (!isSetSupported("DialogApi", "1.1")) return Promise.resolve();
  const url = new URL(`summary.html?${summaryQuery(counts, lang)}`, window.location.href).toString();
  return new Promise((resolve) => {
    Office.context.ui.displayDialogAsync(url, { height: 30, width: 30, displayInIframe: true }, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) {
        resolve(); // e.g. 12009: the user declined the dialog on the web
        return;
      }
      const dialog = result.value;
      const close = (): void => {
        dialog.close();
        resolve();
      };
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, close);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => resolve());
    });
  });
}

export async function checkWorkbook(event: Office.AddinCommands.Event): Promise<void> {
  const lang = loadLang();
  try {
    if (hostTooOld()) {
      await showSummary({ tables: 0, indicators: 0, error: 0, warning: 0, info: 0, failed: true }, lang);
      return;
    }
    const session = sharedExcelSession({ lang });
    session.setLanguage(lang);
    const state = await session.check();
    await showSummary(countsOf(state), lang);
  } catch (e) {
    console.error("IKI Checker: check failed", e);
    await showSummary({ tables: 0, indicators: 0, error: 0, warning: 0, info: 0, failed: true }, lang);
  } finally {
    // Always: otherwise Office shows the command as still running until it times out.
    event.completed();
  }
}

// Outside Office (the pane's preview in a plain browser) office.js is not on the page.
if (typeof Office !== "undefined") {
  Office.onReady(() => {
    // The name must match <FunctionName> in manifest.xml (npm run validate checks it).
    Office.actions.associate("checkWorkbook", checkWorkbook);
  });
}
