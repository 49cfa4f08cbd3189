/** Shared access to the committed fixture workbooks and their seed line map. */
import path from "path";
import { readFileSync } from "fs";
import { readWorkbookFile } from "../../src/xlsx/read-workbook";
import type { WorkbookSnapshot } from "../../src/engine/snapshot";

export const FIXTURES = path.join(__dirname, "..", "fixtures");
export const WORKBOOKS = path.join(FIXTURES, "workbooks");
/** Workbooks written by LibreOffice, by hand from ECMA-376, or encrypted by another tool. */
export const OTHER_WRITERS_DIR = path.join(FIXTURES, "other-writers");

export interface LineMap {
  workbooks: Record<string, string>;
  lines: Record<string, Record<string, { sheet: string; row: number } | null>>;
}

export function loadLineMap(): LineMap {
  return JSON.parse(readFileSync(path.join(WORKBOOKS, "line-map.json"), "utf8")) as LineMap;
}

const cache = new Map<string, Promise<WorkbookSnapshot>>();

export function loadWorkbook(name: string): Promise<WorkbookSnapshot> {
  let p = cache.get(name);
  if (!p) {
    p = readWorkbookFile(path.join(WORKBOOKS, name));
    cache.set(name, p);
  }
  return p;
}

export function loadJson<T>(relative: string): T {
  return JSON.parse(readFileSync(path.join(FIXTURES, relative), "utf8")) as T;
}
