/**
 * The adapter's production code on Microsoft's runtime: a WorkbookSession whose Excel.run
 * is the library's own, answered by an ExcelSimulator over a fixture's workbook.
 */
import type { WorkbookSnapshot } from "../../src/engine/snapshot";
import { WorkbookSession, detectCapabilities, type RunOptions, type SessionOptions } from "../../src/office/workbook-session";
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
  return new WorkbookSession(sim.run, detectCapabilities(sim.isSetSupported, sim.platform), { runIn: sim.runIn, ...options });
}

/**
 * The simulator behind the interface of test/support/fake-excel.ts's FakeExcelHost, so one
 * suite runs over both: `batches` (the add-in's syncs per Excel.run, with its options),
 * `fire` (an event through the library's event path), `handlerCount`.
 */
export class SimulatedExcelHost {
  readonly batches: { syncs: number; options: RunOptions }[] = [];
  constructor(readonly sim: ExcelSimulator) {}
  get model(): FakeWorkbookModel {
    return this.sim.model;
  }
  run = async <T>(options: RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const entry = { syncs: 0, options };
    this.batches.push(entry);
    const n = this.sim.batches + 1;
    try {
      return await this.sim.run(options, batch);
    } finally {
      entry.syncs = this.sim.requestsOf(n).length;
    }
  };
  runIn = <T>(context: Excel.RequestContext, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => this.sim.runIn(context, batch);
  async fire(sheetName: string, event: "onChanged" | "onCalculated" | "onSelectionChanged", args: Record<string, unknown>): Promise<void> {
    await this.sim.fire(sheetName, event, args);
  }
  handlerCount(sheetName: string, event: "onChanged" | "onCalculated" | "onSelectionChanged"): number {
    return this.sim.registered(sheetName, event) ? 1 : 0;
  }
}
