/**
 * The pane and the function file run in a browser, whose DOMParser reads the bindings part
 * (src/office/bindings.ts). Node has none: tests and the benchmark get xmldom's, a real XML
 * parser too, made to fail as a browser's does on a part that is not well-formed (the
 * adapter reports it) instead of printing to the console. Imported by the hosts of the
 * adapter's tests (fake-excel.ts, excel-simulator.ts).
 */
import { DOMParser } from "@xmldom/xmldom";

class StrictDOMParser extends DOMParser {
  constructor() {
    super({
      onError: (level, message) => {
        if (level !== "warning") throw new SyntaxError(message);
      },
    });
  }
}

const g = globalThis as { DOMParser?: unknown };
g.DOMParser ??= StrictDOMParser;
