/**
 * The workbook's shared parts, read for what the snapshot needs: number formats by style
 * index (styles.xml: numFmts and cellXfs only — fonts, fills and borders are never
 * expanded), shared strings (rich runs flattened, phonetic runs left out), the notes
 * and threaded comments of a sheet, and its Excel Tables.
 */
import { parseRangeAddress } from "../engine/address";
import type { Area } from "../engine/snapshot";
import { attrLocal, parseXml } from "./xml";

/** Excel's built-in number formats (ECMA-376 Part 1, 18.8.30), as exceljs and Office report them. */
const BUILTIN_FORMATS: Record<number, string> = {
  0: "General",
  1: "0",
  2: "0.00",
  3: "#,##0",
  4: "#,##0.00",
  9: "0%",
  10: "0.00%",
  11: "0.00E+00",
  12: "# ?/?",
  13: "# ??/??",
  14: "mm-dd-yy",
  15: "d-mmm-yy",
  16: "d-mmm",
  17: "mmm-yy",
  18: "h:mm AM/PM",
  19: "h:mm:ss AM/PM",
  20: "h:mm",
  21: "h:mm:ss",
  22: 'm/d/yy "h":mm',
  37: "#,##0 ;(#,##0)",
  38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00;(#,##0.00)",
  40: "#,##0.00;[Red](#,##0.00)",
  45: "mm:ss",
  46: "[h]:mm:ss",
  47: "mmss.0",
  48: "##0.0E+0",
  49: "@",
};

/** The number format code of each cell style (`s` of a cell), by index. */
export function readNumberFormats(stylesXml: string | undefined): string[] {
  if (stylesXml === undefined) return ["General"];
  const custom = new Map<number, string>();
  const xfs: string[] = [];
  let inCellXfs = false;
  parseXml(stylesXml, {
    open(local, attrs) {
      if (local === "numFmt") {
        const id = Number(attrLocal(attrs, "numFmtId"));
        const code = attrLocal(attrs, "formatCode");
        if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
      } else if (local === "cellXfs") inCellXfs = true;
      else if (local === "xf" && inCellXfs) {
        const id = Number(attrLocal(attrs, "numFmtId") ?? 0);
        xfs.push(custom.get(id) ?? BUILTIN_FORMATS[id] ?? "General");
      }
    },
    close(local) {
      if (local === "cellXfs") inCellXfs = false;
    },
  });
  return xfs.length ? xfs : ["General"];
}

/**
 * The text of `<si>`/`<is>`-like elements: the `<t>` of the element and of its rich runs
 * `<r>`, never of phonetic runs `<rPh>`. `onItem` gets each item's text, in order.
 */
export function collectTexts(xml: string, item: string, onItem: (text: string) => void): void {
  let depth = 0;
  let inT = false;
  let inPhonetic = 0;
  let text = "";
  parseXml(xml, {
    open(local) {
      if (local === item) {
        depth++;
        text = "";
      } else if (depth > 0 && local === "rPh") inPhonetic++;
      else if (depth > 0 && local === "t" && inPhonetic === 0) inT = true;
    },
    close(local) {
      if (local === item) {
        depth--;
        onItem(text);
      } else if (local === "rPh") inPhonetic--;
      else if (local === "t") inT = false;
    },
    text(t) {
      if (inT) text += t;
    },
  });
}

export function readSharedStrings(xml: string | undefined): string[] {
  const out: string[] = [];
  if (xml !== undefined) collectTexts(xml, "si", (t) => out.push(t));
  return out;
}

export interface CommentEntry {
  ref: string;
  text: string;
}

/** A notes part (`xl/commentsN.xml`): each note's cell and plain text. */
export function readComments(xml: string): CommentEntry[] {
  const refs: string[] = [];
  parseXml(xml, {
    open(local, attrs) {
      if (local === "comment") refs.push(attrLocal(attrs, "ref") ?? "");
    },
  });
  const texts: string[] = [];
  collectTexts(xml, "comment", (t) => texts.push(t));
  return refs.map((ref, i) => ({ ref, text: texts[i] ?? "" }));
}

/** A threaded-comments part: the first comment of each thread, by cell. */
export function readThreadedComments(xml: string): CommentEntry[] {
  const out: CommentEntry[] = [];
  let current: { ref: string; parent: boolean; text: string } | null = null;
  let inText = false;
  parseXml(xml, {
    open(local, attrs) {
      if (local === "threadedComment") current = { ref: attrLocal(attrs, "ref") ?? "", parent: attrLocal(attrs, "parentId") === undefined, text: "" };
      else if (local === "text" && current) inText = true;
    },
    close(local) {
      if (local === "text") inText = false;
      else if (local === "threadedComment" && current) {
        if (current.parent) out.push({ ref: current.ref, text: current.text });
        current = null;
      }
    },
    text(t) {
      if (inText && current) current.text += t;
    },
  });
  return out;
}

export interface TableEntry {
  name: string;
  area: Area;
  headerRows: number;
  totalsRows: number;
  autoFilter: boolean;
}

/** A table part (`xl/tables/tableN.xml`). */
export function readTable(xml: string): TableEntry | null {
  let out: TableEntry | null = null;
  parseXml(xml, {
    open(local, attrs) {
      if (local === "table") {
        const ref = attrLocal(attrs, "ref");
        if (!ref) return;
        out = {
          name: attrLocal(attrs, "displayName") ?? attrLocal(attrs, "name") ?? "",
          area: parseRangeAddress(ref),
          headerRows: Number(attrLocal(attrs, "headerRowCount") ?? 1),
          totalsRows: Number(attrLocal(attrs, "totalsRowCount") ?? 0),
          autoFilter: false,
        };
      } else if (local === "autoFilter" && out) out.autoFilter = true;
    },
  });
  return out;
}
