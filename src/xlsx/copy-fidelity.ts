/**
 * What an exceljs round trip cannot carry into an annotated copy. The copy is made by
 * loading the workbook into exceljs and writing it back, and exceljs drops charts, pivot
 * tables, slicers and threaded comments, and reads the plain-text notes Excel writes
 * (`<text><t>…</t></text>`, also Excel 365's fallback for every modern comment) as empty —
 * so the copy would silently lose the user's work. Such workbooks get no copy.
 */
import { inflateEntry, readDirectory } from "./zip";
import type { Text } from "../engine/rules/types";

interface PartKind {
  test: RegExp;
  what: Text;
}

const UNSUPPORTED: PartKind[] = [
  { test: /^xl\/charts\/chart[^/]*\.xml$/i, what: { id: "grafik", en: "charts" } },
  { test: /^xl\/pivotTables\//i, what: { id: "PivotTable", en: "pivot tables" } },
  { test: /^xl\/slicers\/|^xl\/slicerCaches\//i, what: { id: "slicer", en: "slicers" } },
  { test: /^xl\/threadedComments\//i, what: { id: "komentar (threaded comments)", en: "threaded comments" } },
];
const NOTES = /^xl\/comments[^/]*\.xml$/i;
/** A note whose text is a bare `<t>` (no rich-text run): exceljs reads it as empty. */
const PLAIN_NOTE = /<text>\s*<t[\s>]/;

/** The kinds of content the copy would lose, one entry per kind; empty when none. */
export function partsLostInCopy(xlsx: Buffer): Text[] {
  const lost: Text[] = [];
  const entries = readDirectory(xlsx);
  for (const kind of UNSUPPORTED) if (entries.some((e) => kind.test.test(e.name))) lost.push(kind.what);
  const plainNotes = entries.some((e) => NOTES.test(e.name) && PLAIN_NOTE.test(inflateEntry(xlsx, e).toString("utf8")));
  if (plainNotes) lost.push({ id: "isi catatan (notes)", en: "the text of notes" });
  return lost;
}

/** Refusal to write a copy that would lose the user's content. */
export class CopyWouldLoseContentError extends Error {
  constructor(readonly lost: Text[]) {
    super(`the annotated copy would lose ${lost.map((l) => l.en).join(", ")}: no copy written`);
  }
}
