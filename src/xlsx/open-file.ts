/**
 * Any workbook file an officer may send → an opened OOXML package and its snapshot, or
 * an OpenError saying, with its own code, why it cannot be read. OOXML packages are read
 * directly; the other spreadsheet formats through LibreOffice where it is installed (the
 * copy of such a file is then an `.xlsx`).
 */
import { promises as fs } from "fs";
import { sniffFileKind } from "./file-kind";
import { ConversionError, convertToXlsx } from "./libreoffice";
import { NotAWorkbookError } from "./ooxml";
import { openWorkbookBuffer, type OpenedWorkbook, type ReadOptions } from "./read-workbook";
import { TooManyCellsError } from "./sheet-xml";
import { ZipLimitError } from "./zip";

export type OpenErrorCode =
  | "not-found"
  | "empty-file"
  | "encrypted"
  | "needs-libreoffice"
  | "conversion-failed"
  | "damaged"
  | "not-a-workbook"
  | "too-large";

/** What the file is when it is not an OOXML workbook. */
export type SourceFormat = "xls" | "ods" | "xlsb" | "spreadsheet-xml-2003" | "html";

export class OpenError extends Error {
  constructor(
    readonly code: OpenErrorCode,
    /** Technical detail (English), for the message's tail. */
    readonly detail: string,
    /** The format found, when it matters for the message (`.xls` without LibreOffice). */
    readonly format?: SourceFormat,
  ) {
    super(`${code}: ${detail}`);
  }
}

export interface OpenedFile extends OpenedWorkbook {
  /** `xlsx`/`xlsm`/`xltx`/`xltm` read directly, or the format LibreOffice converted from. */
  format: "xlsx" | "xlsm" | "xltx" | "xltm" | SourceFormat;
  /** True when the package is LibreOffice's conversion, not the file itself. */
  converted: boolean;
}

export interface OpenOptions extends ReadOptions {
  /** LibreOffice's executable, or null when it is not available. */
  soffice: string | null;
}

function openPackage(bytes: Buffer, options: ReadOptions): OpenedWorkbook {
  try {
    return openWorkbookBuffer(bytes, options);
  } catch (e) {
    throw classify(e);
  }
}

/** Reader failures → open errors; a defect of ours (anything else) is thrown as it is. */
function classify(e: unknown): unknown {
  if (e instanceof OpenError) return e;
  if (e instanceof ZipLimitError) return new OpenError(e.reason === "bomb" ? "too-large" : e.reason === "unsupported" ? "not-a-workbook" : "damaged", e.message);
  if (e instanceof TooManyCellsError) return new OpenError("too-large", e.message);
  if (e instanceof NotAWorkbookError) return new OpenError("not-a-workbook", e.message);
  // saxes reports XML that is not well-formed as "line:col: message".
  if (e instanceof Error && /^\d+:\d+: /.test(e.message)) return new OpenError("damaged", `XML not well-formed: ${e.message}`);
  return e;
}

async function viaLibreOffice(path: string, format: SourceFormat, options: OpenOptions): Promise<OpenedFile> {
  if (!options.soffice) throw new OpenError("needs-libreoffice", `${format} needs LibreOffice to be read`, format);
  let bytes: Buffer;
  try {
    bytes = await convertToXlsx(options.soffice, path);
  } catch (e) {
    if (e instanceof ConversionError) throw new OpenError("conversion-failed", e.message, format);
    throw e;
  }
  return { ...openPackage(bytes, options), format, converted: true };
}

export async function openWorkbookFile(path: string, options: OpenOptions): Promise<OpenedFile> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile()) throw new OpenError("not-found", "not a file");
    // Budgets before allocating: a file whose zip could not pass the size limits is not read at all.
    if (options.limits && stat.size > options.limits.maxTotalBytes) throw new OpenError("too-large", `${stat.size} bytes`);
    bytes = await fs.readFile(path);
  } catch (e) {
    if (e instanceof OpenError) throw e;
    throw new OpenError("not-found", (e as NodeJS.ErrnoException).code ?? String(e));
  }
  const kind = sniffFileKind(bytes);
  switch (kind) {
    case "empty":
      throw new OpenError("empty-file", "");
    case "encrypted":
      throw new OpenError("encrypted", "");
    case "xls":
      return viaLibreOffice(path, "xls", options);
    case "spreadsheet-xml-2003":
      return viaLibreOffice(path, "spreadsheet-xml-2003", options);
    case "html":
      return viaLibreOffice(path, "html", options);
    case "cfb-other":
      throw new OpenError("not-a-workbook", "a Compound File that holds no workbook (a Word or other Office 97–2003 document?)");
    case "zip-damaged":
      throw new OpenError("damaged", "a zip without its central directory (truncated or damaged)");
    case "unknown":
      throw new OpenError("not-a-workbook", "not a spreadsheet file");
    case "zip":
      break;
  }
  try {
    const opened = openWorkbookBuffer(bytes, options);
    return { ...opened, format: opened.info.kind, converted: false };
  } catch (e) {
    if (e instanceof NotAWorkbookError && (e.what === "ods" || e.what === "xlsb")) return viaLibreOffice(path, e.what, options);
    throw classify(e);
  }
}
