/**
 * Microsoft's Excel JavaScript client library (`@microsoft/office-js`,
 * dist/excel-web-16.00.debug.js) loaded once per process into a Node `vm` context, the
 * way test/office/runtime-spike.test.ts showed it runs. Its `Excel` and `OfficeExtension`
 * are the runtime every adapter test goes through: proxies, load/sync rules, request
 * batching, PropertyNotLoaded and the error objects are the library's own.
 *
 * What the page would provide and the library needs at load (a `document` to look for a
 * trace console, `navigator`, `location`) is a minimal stand-in; the library's host
 * bootstrap (OSF) is never started, so requests go only where `setCustomSendRequestFunc`
 * sends them: to the simulator registered for the request's origin
 * (test/support/excel-simulator.ts). Events come back through the library's own rich-API
 * message path (`_testTriggerRichApiMessageEvent`), since a real host pushes them on a
 * channel of its own, not as the answer to a request.
 */
import * as fs from "fs";
import * as vm from "vm";
import { bindRuntime, type RuntimeGlobals } from "./excel-simulator";
import { installNotesApi } from "./notes-api";

export const LIBRARY = require.resolve("@microsoft/office-js/dist/excel-web-16.00.debug.js");

let loaded: RuntimeGlobals | null = null;

/** The library's globals, loaded on first use. */
export function officeRuntime(): RuntimeGlobals {
  if (loaded) return loaded;
  const element = (): Record<string, unknown> => ({ style: {}, setAttribute() {}, appendChild() {}, addEventListener() {}, getElementsByTagName: () => [] });
  const document = {
    getElementById: () => null,
    getElementsByTagName: () => [],
    createElement: element,
    addEventListener() {},
    readyState: "complete",
    cookie: "",
    body: element(),
    head: element(),
    documentElement: element(),
  };
  const g: Record<string, unknown> = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    Promise,
    document,
    navigator: { userAgent: "node" },
    location: { href: "https://simulator.invalid/", search: "", hash: "" },
    addEventListener() {},
    removeEventListener() {},
  };
  g.window = g.self = g;
  vm.createContext(g);
  vm.runInContext(fs.readFileSync(LIBRARY, "utf8"), g, { filename: LIBRARY });
  loaded = bindRuntime(g as unknown as RuntimeGlobals & Record<string, unknown>);
  installNotesApi(loaded);
  return loaded;
}
