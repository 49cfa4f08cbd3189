/**
 * The pane's engine worker (webpack entry `engine-worker` → dist/engine-worker.js): the
 * engine of src/engine, answering the session's requests (src/office/engine.ts) off the UI
 * thread, so the pane stays responsive and Excel never sees the add-in blocked for seconds
 * during a large check.
 */
import { serveEngine, type Port } from "../office/engine";

serveEngine(self as unknown as Port);
