/**
 * The engine over a message port, as the pane runs it in a Web Worker: requests and answers
 * go through a real MessageChannel (structured clone), and the session over it reads the
 * same report as over the in-process engine, on Microsoft's runtime.
 */
import { MessageChannel } from "worker_threads";
import { engineOverPort, localEngine, serveEngine, type Port } from "../../src/office/engine";
import { loadWorkbook } from "../support/fixtures";
import { sessionOn, simulatorFor } from "../support/simulated-host";

const SEED_002 = "seed-002-iki-kesbangpol-kukar-2025.xlsx";

function channel() {
  const { port1, port2 } = new MessageChannel();
  serveEngine(port1 as unknown as Port);
  return { engine: engineOverPort(port2 as unknown as Port), close: () => (port1.close(), port2.close()) };
}

describe("the engine behind a message port", () => {
  it("answers as the in-process engine does, every sheet of a real workbook cloned both ways", async () => {
    const { engine, close } = channel();
    try {
      const wb = await loadWorkbook(SEED_002);
      const rules = { rules: {}, ignored: [], lang: "id" as const };
      for (const sheet of wb.sheets) {
        const [remote, local] = await Promise.all([engine.check(sheet, {}, rules), localEngine.check(sheet, {}, rules)]);
        expect(remote).toEqual(local);
      }
    } finally {
      close();
    }
  });

  it("an engine error comes back as an error, not as silence", async () => {
    const { engine, close } = channel();
    try {
      await expect(engine.findings(null as never, { rules: {}, ignored: [], lang: "id" })).rejects.toThrow();
    } finally {
      close();
    }
  });

  it("a session over the port gives the report and flags of a session over the local engine", async () => {
    const { engine, close } = channel();
    try {
      const a = await simulatorFor(SEED_002);
      const b = await simulatorFor(SEED_002);
      const viaPort = await sessionOn(a, { engine }).check();
      const local = await sessionOn(b).check();
      expect(viaPort.report).toEqual(local.report);
      expect(JSON.stringify(a.model.sheets.map((s) => [s.conditionalFormats.map((c) => [c.formula, c.areas]), [...s.notes]]))).toBe(
        JSON.stringify(b.model.sheets.map((s) => [s.conditionalFormats.map((c) => [c.formula, c.areas]), [...s.notes]])),
      );
    } finally {
      close();
    }
  });
});
