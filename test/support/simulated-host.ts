/**
 * The adapter's production code on Microsoft's runtime: a WorkbookSession whose Excel.run
 * is the library's own, answered by an ExcelSimulator over a fixture's workbook.
 */
import type { WorkbookSnapshot } from "../../src/engine/snapshot";
import { WorkbookSession, detectCapabilities, type SessionOptions } from "../../src/office/workbook-session";
import { ExcelSimulator, type SimulatorOptions } from "./excel-simulator";
import { FakeWorkbookModel } from "./fake-excel";
import { officeRuntime } from "./office-runtime";
import { loadWorkbook } from "./fixtures";

export async function simulatorFor(file: string, options?: SimulatorOptions): Promise<ExcelSimulator> {
  return ExcelSimulator.fromSnapshot(await loadWorkbook(file), officeRuntime(), options);
}

export function simulatorOf(snapshot: WorkbookSnapshot | FakeWorkbookModel, options?: SimulatorOptions): ExcelSimulator {
  const model = snapshot instanceof FakeWorkbookModel ? snapshot : FakeWorkbookModel.fromSnapshot(snapshot);
  return new ExcelSimulator(model, officeRuntime(), options);
}

/** A session over the simulator, with the capabilities the host reports. */
export function sessionOn(sim: ExcelSimulator, options: SessionOptions = {}): WorkbookSession {
  return new WorkbookSession(sim.run, detectCapabilities(sim.isSetSupported), { runIn: sim.runIn, ...options });
}
