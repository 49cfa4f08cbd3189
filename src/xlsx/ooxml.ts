/**
 * The package structure of a SpreadsheetML workbook (ECMA-376 Part 2, Open Packaging
 * Conventions): content types, relationships and the workbook part with its sheets.
 * Transitional and Strict OOXML differ only in namespace and relationship-type URIs here,
 * so relationship types are matched by their last segment.
 */
import { posix } from "path";
import type { ZipPackage } from "./zip";
import { attrLocal, parseXml, relId } from "./xml";

export const STRICT_MAIN_NS = "http://purl.oclc.org/ooxml/spreadsheetml/main";
export const TRANSITIONAL_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const TRANSITIONAL_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const STRICT_REL_NS = "http://purl.oclc.org/ooxml/officeDocument/relationships";

/** The main part's content types of the workbooks we read, and what kind each is. */
const MAIN_CONTENT_TYPES: Record<string, "xlsx" | "xltx" | "xlsm" | "xltm" | "xlsb"> = {
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": "xlsx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml": "xltx",
  "application/vnd.ms-excel.sheet.macroenabled.main+xml": "xlsm",
  "application/vnd.ms-excel.template.macroenabled.main+xml": "xltm",
  "application/vnd.ms-excel.sheet.binary.macroenabled.main": "xlsb",
};

export interface Relationship {
  id: string;
  /** The type's last segment: `worksheet`, `comments`, `officeDocument` … */
  type: string;
  /** The full type URI as written. */
  typeUri: string;
  /** The target part's name (no leading slash), resolved against the source part. */
  target: string;
  external: boolean;
}

/** `xl/worksheets/sheet1.xml` → `xl/worksheets/_rels/sheet1.xml.rels`; "" → `_rels/.rels`. */
export function relsPathOf(part: string): string {
  const dir = posix.dirname(part);
  const base = posix.basename(part);
  return part === "" ? "_rels/.rels" : `${dir === "." ? "" : `${dir}/`}_rels/${base}.rels`;
}

/** A relationship target resolved to a part name (no leading slash). */
export function resolveTarget(sourcePart: string, target: string): string {
  const clean = decodeURI(target.replace(/\\/g, "/"));
  if (clean.startsWith("/")) return posix.normalize(clean).slice(1);
  const dir = posix.dirname(sourcePart);
  return posix.normalize(posix.join(dir === "." ? "" : dir, clean)).replace(/^\/+/, "");
}

export function parseRels(xml: string, sourcePart: string): Relationship[] {
  const out: Relationship[] = [];
  parseXml(xml, {
    open(local, attrs) {
      if (local !== "Relationship") return;
      const typeUri = attrs.Type ?? "";
      const external = (attrs.TargetMode ?? "").toLowerCase() === "external";
      const target = attrs.Target ?? "";
      out.push({
        id: attrs.Id ?? "",
        typeUri,
        type: typeUri.slice(typeUri.lastIndexOf("/") + 1),
        target: external ? target : resolveTarget(sourcePart, target),
        external,
      });
    },
  });
  return out;
}

export function readRels(pkg: ZipPackage, part: string): Relationship[] {
  const xml = pkg.text(relsPathOf(part));
  return xml === undefined ? [] : parseRels(xml, part);
}

export interface ContentTypes {
  defaults: Map<string, string>;
  /** By lower-case part name without the leading slash. */
  overrides: Map<string, string>;
}

export function parseContentTypes(xml: string): ContentTypes {
  const ct: ContentTypes = { defaults: new Map(), overrides: new Map() };
  parseXml(xml, {
    open(local, attrs) {
      if (local === "Default" && attrs.Extension) ct.defaults.set(attrs.Extension.toLowerCase(), (attrs.ContentType ?? "").toLowerCase());
      if (local === "Override" && attrs.PartName) ct.overrides.set(attrs.PartName.replace(/^\//, "").toLowerCase(), (attrs.ContentType ?? "").toLowerCase());
    },
  });
  return ct;
}

export function contentTypeOf(ct: ContentTypes, part: string): string | undefined {
  const key = part.replace(/^\//, "").toLowerCase();
  return ct.overrides.get(key) ?? ct.defaults.get(posix.extname(key).slice(1));
}

export interface SheetEntry {
  name: string;
  sheetId: string;
  state: "visible" | "hidden" | "veryHidden";
  relId: string;
  /** The sheet's part, or null when its relationship is missing. */
  part: string | null;
  /** `worksheet`, `chartsheet`, `dialogsheet`, `macrosheet`, … (the relationship type). */
  kind: string;
}

export interface WorkbookInfo {
  /** The workbook part (`xl/workbook.xml`). */
  part: string;
  kind: "xlsx" | "xltx" | "xlsm" | "xltm";
  strict: boolean;
  date1904: boolean;
  sheets: SheetEntry[];
  rels: Relationship[];
  contentTypes: ContentTypes;
}

/** A zip that is not a workbook we read, with what it is instead when that is known. */
export class NotAWorkbookError extends Error {
  constructor(
    message: string,
    readonly what: "ods" | "xlsb" | "other-office" | "unknown",
  ) {
    super(message);
  }
}

/** The workbook part and its sheets; throws NotAWorkbookError for any other zip. */
export function openWorkbook(pkg: ZipPackage): WorkbookInfo {
  const mimetype = pkg.read("mimetype")?.toString("latin1").trim();
  if (mimetype?.startsWith("application/vnd.oasis.opendocument.spreadsheet")) throw new NotAWorkbookError("an OpenDocument spreadsheet (.ods)", "ods");
  const ctXml = pkg.text("[Content_Types].xml");
  if (ctXml === undefined) throw new NotAWorkbookError("no [Content_Types].xml: not an Office Open XML package", "unknown");
  const contentTypes = parseContentTypes(ctXml);
  const main = readRels(pkg, "").find((r) => r.type === "officeDocument" && !r.external);
  if (!main) throw new NotAWorkbookError("no main document in the package", "unknown");
  const type = contentTypeOf(contentTypes, main.target) ?? "";
  const kind = MAIN_CONTENT_TYPES[type];
  if (kind === "xlsb") throw new NotAWorkbookError("an Excel binary workbook (.xlsb)", "xlsb");
  if (!kind || !pkg.has(main.target)) {
    const other = /wordprocessingml|presentationml/.test(type);
    throw new NotAWorkbookError(other ? `a ${type.includes("wordprocessing") ? "Word document" : "PowerPoint presentation"}, not a workbook` : "no workbook part in the package", other ? "other-office" : "unknown");
  }
  const rels = readRels(pkg, main.target);
  const byId = new Map(rels.map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  let strict = false;
  parseXml(pkg.text(main.target)!, {
    open(local, attrs, name) {
      if (local === "workbook") {
        const prefix = name.includes(":") ? `xmlns:${name.slice(0, name.indexOf(":"))}` : "xmlns";
        strict = attrs[prefix] === STRICT_MAIN_NS;
      } else if (local === "workbookPr") {
        const v = attrLocal(attrs, "date1904");
        date1904 = v === "1" || v === "true";
      } else if (local === "sheet") {
        const id = relId(attrs) ?? "";
        const rel = byId.get(id);
        const state = attrLocal(attrs, "state");
        sheets.push({
          name: attrLocal(attrs, "name") ?? "",
          sheetId: attrLocal(attrs, "sheetId") ?? "",
          state: state === "hidden" || state === "veryHidden" ? state : "visible",
          relId: id,
          part: rel && !rel.external ? rel.target : null,
          kind: rel?.type ?? "worksheet",
        });
      }
    },
  });
  return { part: main.target, kind, strict, date1904, sheets, rels, contentTypes };
}
