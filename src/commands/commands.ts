/*
 * Function file for the ribbon's ExecuteFunction buttons (manifest.xml: <FunctionFile
 * resid="Commands.Url"/> → commands.html, which webpack builds from commands.html + this
 * file). It runs in its own runtime, not the task pane's: no shared runtime is declared.
 */

/**
 * "Periksa IKI" (FunctionName `checkWorkbook`): check the workbook without opening the pane.
 *
 * PLACEHOLDER: issue #6 implements the check (snapshot → engine → inline flags). Until then
 * the command only signals completion so Office does not show it as still running.
 */
export function checkWorkbook(event: Office.AddinCommands.Event): void {
  // Issue #6: read the workbook, run the engine, write the flags, then complete.
  event.completed();
}

Office.onReady(() => {
  // The name must match <FunctionName> in manifest.xml (npm run validate checks it).
  Office.actions.associate("checkWorkbook", checkWorkbook);
});
