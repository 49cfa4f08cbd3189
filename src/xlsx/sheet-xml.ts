/**
 * One worksheet part (`xl/worksheets/sheetN.xml`) → the snapshot's cells, merges and
 * hidden rows and columns, in one streaming pass.
 *
 * Values are exact: a formula's cached 0 is 0 (not an empty cell), cached results keep
 * their type (number, string, boolean, error), shared formulas are expanded to each
 * cell's own text, inline and rich strings are flattened, ISO dates (`t="d"`, Strict
 * files) become serial numbers. Only `sheetData`, `cols`, `mergeCells` and
 * `sheetFormatPr` are read: data validations, conditional formats, drawings and styles are
 * never expanded, so a validation over A1:XFD1048576 costs nothing.
 *
 * Attributes are read by their plain names: the schema's attributes are unqualified,
 * whatever prefix a generator gives the elements (`<x:c r="A1">`).
 */
import { SheetBuilder, spansOf, type CellValue, type Span } from "../engine/snapshot";
import { parseRangeAddress } from "../engine/address";
import { displayFormula, shiftFormula } from "./formula-text";
import { scanXml } from "./fast-xml";

export interface SheetReadContext {
  sharedStrings: readonly string[];
  /** Number format code by cell style index. */
  formats: readonly string[];
  date1904: boolean;
  /** Cells this workbook may still hold; reading stops with TooManyCellsError beyond. */
  budget: { cells: number };
}

export class TooManyCellsError extends Error {}

const MAX_ROW = 1_048_576;
const MS_PER_DAY = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** `AB12` → [12, 28]; null when not a cell reference. */
function parseRef(ref: string): [number, number] | null {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break; // `$`
  }
  let row = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 48 && c <= 57) row = row * 10 + (c - 48);
    else if (c !== 36) return null;
  }
  return col > 0 && row > 0 ? [row, col] : null;
}

function isoDateToSerial(text: string, date1904: boolean): CellValue {
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(text) || !text.includes("T") ? text : `${text}Z`);
  if (Number.isNaN(ms)) return text;
  return (ms - (date1904 ? EPOCH_1904 : EPOCH_1900)) / MS_PER_DAY;
}

interface SharedMaster {
  formula: string;
  row: number;
  col: number;
}

/** Reads the sheet part's text into `b`. */
export function readSheetXml(xml: string, b: SheetBuilder, ctx: SheetReadContext): void {
  const hiddenRows: number[] = [];
  const listedRows: number[] = [];
  const hiddenCols: Span[] = [];
  const masters = new Map<string, SharedMaster>();
  let zeroHeight = false;

  let row = 0;
  let col = 0;
  // The open cell.
  let inCell = false;
  let type = "n";
  let style = 0;
  let value = "";
  let formula: string | null = null;
  let formulaAttrs: { t?: string; si?: string } = {};
  let inValue = false;
  let inFormula = false;
  let inInline = 0;
  let inInlineText = false;
  let inPhonetic = 0;
  let hasValue = false;

  scanXml(xml, {
    open(local, attrs) {
      switch (local) {
        case "row": {
          const r = Number(attrs.get("r"));
          row = Number.isInteger(r) && r > 0 ? r : row + 1;
          col = 0;
          const hidden = attrs.get("hidden");
          if (hidden === "1" || hidden === "true") hiddenRows.push(row);
          else listedRows.push(row);
          return;
        }
        case "c": {
          const ref = attrs.get("r");
          const at = ref ? parseRef(ref) : null;
          if (at) {
            if (at[0] !== row) row = at[0];
            col = at[1];
          } else col++;
          inCell = true;
          type = attrs.get("t") ?? "n";
          style = Number(attrs.get("s") ?? 0) || 0;
          value = "";
          hasValue = false;
          formula = null;
          formulaAttrs = {};
          return;
        }
        case "v":
          if (inCell) {
            inValue = true;
            hasValue = true;
          }
          return;
        case "f":
          if (inCell) {
            inFormula = true;
            formula = "";
            formulaAttrs = { t: attrs.get("t"), si: attrs.get("si") };
          }
          return;
        case "is":
          if (inCell) {
            inInline++;
            hasValue = true;
          }
          return;
        case "rPh":
          if (inInline) inPhonetic++;
          return;
        case "t":
          if (inInline && inPhonetic === 0) inInlineText = true;
          return;
        case "mergeCell": {
          const ref = attrs.get("ref");
          if (ref) {
            try {
              b.merges.push(parseRangeAddress(ref));
            } catch {
              // A damaged merge reference is not a merge; the cells stay as they are.
            }
          }
          return;
        }
        case "col": {
          const hidden = attrs.get("hidden");
          if (hidden === "1" || hidden === "true") {
            const min = Number(attrs.get("min"));
            const max = Number(attrs.get("max"));
            if (Number.isInteger(min) && Number.isInteger(max)) hiddenCols.push({ from: min, to: max });
          }
          return;
        }
        case "sheetFormatPr": {
          const z = attrs.get("zeroHeight");
          zeroHeight = z === "1" || z === "true";
          return;
        }
      }
    },
    text(t) {
      if (inValue) value += t;
      else if (inFormula) formula += t;
      else if (inInlineText) value += t;
    },
    close(local) {
      switch (local) {
        case "v":
          inValue = false;
          return;
        case "f":
          inFormula = false;
          return;
        case "t":
          inInlineText = false;
          return;
        case "rPh":
          if (inInline) inPhonetic--;
          return;
        case "is":
          inInline--;
          return;
        case "c": {
          inCell = false;
          const text = cellFormula(formula, formulaAttrs, row, col, masters);
          const v = hasValue ? cellValue(type, value, ctx) : null;
          if (v === null && text === null) return;
          if (--ctx.budget.cells < 0) throw new TooManyCellsError("the workbook holds more cells than can be checked");
          b.set(row, col, v, text, ctx.formats[style] ?? "General");
          return;
        }
      }
    },
  });

  dropCoveredCells(b);
  b.hiddenCols = hiddenCols;
  if (zeroHeight) {
    // Rows are hidden by default: every row not written out visible is hidden.
    const visible = spansOf(listedRows);
    const hidden: Span[] = [];
    let next = 1;
    for (const s of visible) {
      if (s.from > next) hidden.push({ from: next, to: s.from - 1 });
      next = s.to + 1;
    }
    if (next <= MAX_ROW) hidden.push({ from: next, to: MAX_ROW });
    b.hiddenRows = [...hidden, ...spansOf(hiddenRows)];
  } else b.hiddenRows = spansOf(hiddenRows);
}

function cellValue(type: string, text: string, ctx: SheetReadContext): CellValue {
  switch (type) {
    case "s": {
      const s = ctx.sharedStrings[Number(text)];
      return s === undefined || s === "" ? null : s;
    }
    case "str":
    case "inlineStr":
      return text === "" ? null : text;
    case "b":
      return text === "1" || text === "true";
    case "e":
      return { error: text };
    case "d":
      return text === "" ? null : isoDateToSerial(text, ctx.date1904);
    default: {
      if (text === "") return null;
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
  }
}

/** The cell's formula as Excel shows it (`=…`), expanding shared formulas; null for a constant. */
function cellFormula(stored: string | null, attrs: { t?: string; si?: string }, row: number, col: number, masters: Map<string, SharedMaster>): string | null {
  if (stored === null) return null;
  if (attrs.t === "shared" && attrs.si !== undefined) {
    if (stored !== "") {
      masters.set(attrs.si, { formula: stored, row, col });
      return `=${displayFormula(stored)}`;
    }
    const master = masters.get(attrs.si);
    return master ? `=${displayFormula(shiftFormula(master.formula, row - master.row, col - master.col))}` : null;
  }
  // A data-table cell stores no text of its own (Excel shows {=TABLE(…)}): its value stands.
  if (stored === "") return null;
  return `=${displayFormula(stored)}`;
}

/** Cells covered by a merge (not its top-left) read empty, as Excel reports them. */
function dropCoveredCells(b: SheetBuilder): void {
  for (const m of b.merges) b.clearArea(m, true);
}
