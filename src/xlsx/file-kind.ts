/**
 * What a file is, from its bytes (never from its name: officers rename files, and web
 * applications export HTML tables as `.xls`):
 * - a zip: an OOXML package, an OpenDocument spreadsheet (its `mimetype` entry), or
 *   another zip (a truncated one has no end-of-central-directory record);
 * - a Compound File (CFB, `D0 CF 11 E0`): Excel 97–2003 has a `Workbook` (or `Book`)
 *   stream; a password-protected OOXML file is a CFB too, with `EncryptionInfo` and
 *   `EncryptedPackage` streams — the directory tells them apart (MS-CFB 2.6, MS-OFFCRYPTO 2.3.4);
 * - XML Spreadsheet 2003, or an HTML table saved as a workbook.
 */
export type FileKind =
  | "empty"
  | "zip"
  | "zip-damaged"
  | "xls"
  | "encrypted"
  | "cfb-other"
  | "spreadsheet-xml-2003"
  | "html"
  | "unknown";

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export function sniffFileKind(buf: Buffer): FileKind {
  if (buf.length === 0) return "empty";
  if (buf.length >= 4 && buf.readUInt32LE(0) === 0x04034b50) return hasEocd(buf) ? "zip" : "zip-damaged";
  if (buf.length >= 22 && buf.readUInt32LE(0) === 0x06054b50) return "zip"; // an empty zip
  if (buf.length >= 8 && buf.subarray(0, 8).equals(CFB_MAGIC)) {
    const names = cfbStreamNames(buf);
    if (names.has("encryptedpackage") || names.has("encryptioninfo")) return "encrypted";
    if (names.has("workbook") || names.has("book")) return "xls";
    return "cfb-other";
  }
  const head = buf.subarray(0, 4096).toString("utf8").replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<?xml") && head.includes("urn:schemas-microsoft-com:office:spreadsheet")) return "spreadsheet-xml-2003";
  if (/^(<!doctype html|<html|<table|<\?xml[^>]*>\s*<html)/.test(head)) return "html";
  return "unknown";
}

function hasEocd(buf: Buffer): boolean {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) if (buf.readUInt32LE(i) === 0x06054b50) return true;
  return false;
}

/** The names (lower case) of the storages and streams in a Compound File's directory. */
export function cfbStreamNames(buf: Buffer): Set<string> {
  const names = new Set<string>();
  if (buf.length < 512) return names;
  const sectorShift = buf.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) return names;
  const sectorSize = 1 << sectorShift;
  const sectorOffset = (n: number): number => (n + 1) * sectorSize;
  // The FAT's sectors: the first 109 listed in the header, the rest in DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = buf.readUInt32LE(0x4c + i * 4);
    if (s < 0xfffffffa) fatSectors.push(s);
  }
  let difat = buf.readUInt32LE(0x44);
  for (let guard = 0; difat < 0xfffffffa && guard < 10_000; guard++) {
    const at = sectorOffset(difat);
    if (at + sectorSize > buf.length) break;
    for (let i = 0; i < sectorSize / 4 - 1; i++) {
      const s = buf.readUInt32LE(at + i * 4);
      if (s < 0xfffffffa) fatSectors.push(s);
    }
    difat = buf.readUInt32LE(at + sectorSize - 4);
  }
  const next = (sector: number): number => {
    const perSector = sectorSize / 4;
    const fs = fatSectors[Math.floor(sector / perSector)];
    if (fs === undefined) return 0xfffffffe;
    const at = sectorOffset(fs) + (sector % perSector) * 4;
    return at + 4 <= buf.length ? buf.readUInt32LE(at) : 0xfffffffe;
  };
  let dir = buf.readUInt32LE(0x30);
  for (let guard = 0; dir < 0xfffffffa && guard < 100_000; guard++) {
    const at = sectorOffset(dir);
    if (at + sectorSize > buf.length) break;
    for (let e = 0; e < sectorSize / 128; e++) {
      const entry = at + e * 128;
      const nameLength = buf.readUInt16LE(entry + 0x40);
      const type = buf[entry + 0x42];
      if (type !== 1 && type !== 2 && type !== 5) continue;
      if (nameLength < 2 || nameLength > 64) continue;
      names.add(buf.toString("utf16le", entry, entry + nameLength - 2).toLowerCase());
    }
    dir = next(dir);
  }
  return names;
}
