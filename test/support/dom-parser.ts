/**
 * The pane and the function file run in a browser, whose DOMParser reads the bindings part
 * (src/office/bindings.ts). Node has none: tests and the benchmark get xmldom's, a real XML
 * parser too. Imported by the hosts of the adapter's tests (fake-excel.ts, excel-simulator.ts).
 */
import { DOMParser } from "@xmldom/xmldom";

const g = globalThis as { DOMParser?: unknown };
g.DOMParser ??= DOMParser;
