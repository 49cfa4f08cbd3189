/**
 * The ZIP container of an OOXML package: its central directory, each entry inflated with
 * a hard cap, and each entry's compressed bytes as they are (the annotated copy copies
 * untouched entries byte for byte).
 *
 * Why our own directory code and Node's zlib rather than a zip package: the copy writer
 * must copy entries *without* recompressing them, which none of the npm zip writers do
 * (yazl, fflate, JSZip all deflate again), so the container code is needed anyway; and
 * Node's zlib (maintained with Node, native) inflated a 10 MB entry 9× faster than fflate
 * here and enforces the cap with an error (`maxOutputLength`), where fflate silently
 * truncates — an entry that lies about its size could not be told from an honest one.
 *
 * An .xlsx is a zip, and a zip bomb (a few kilobytes that inflate to gigabytes) must be
 * refused. The central directory states every entry's sizes, so most bombs are refused
 * before anything is inflated; the stated sizes are only a claim, so each entry is then
 * inflated with its stated size as a hard cap, and memory is bounded by the limits,
 * never by what the data would inflate to. ZIP64 records (written by some generators even
 * for small files) are read.
 */
import { inflateRawSync } from "zlib";

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry of more than 1 MB. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  // 300 MB of XML is about 400,000 filled rows of a measurement sheet.
  maxTotalBytes: 300_000_000,
  maxRatio: 200,
  maxEntries: 10_000,
};

/** Why an archive is refused: `bomb` (limits), `damaged` (structure), `unsupported` (encryption, methods). */
export class ZipLimitError extends Error {
  constructor(
    message: string,
    readonly reason: "bomb" | "damaged" | "unsupported" = "damaged",
  ) {
    super(message);
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** One entry as the central directory states it. */
export interface ZipEntry {
  name: string;
  /** The name's bytes as stored (kept as they are in a copy). */
  nameBytes: Buffer;
  method: number;
  flags: number;
  crc32: number;
  compressed: number;
  uncompressed: number;
  localHeader: number;
  time: number;
  date: number;
  versionMadeBy: number;
  versionNeeded: number;
  internalAttrs: number;
  externalAttrs: number;
  /** Central-directory extra field and comment, as stored. */
  centralExtra: Buffer;
  comment: Buffer;
}

function findEocd(buf: Buffer): number {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === EOCD) return i;
  }
  return -1;
}

/** ZIP64 extended information (extra field 0x0001): the 64-bit values of fields marked 0xFFFFFFFF. */
function zip64Values(extra: Buffer, want: { uncompressed: boolean; compressed: boolean; offset: boolean }): { uncompressed?: number; compressed?: number; offset?: number } {
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id === 0x0001) {
      const out: { uncompressed?: number; compressed?: number; offset?: number } = {};
      let q = p + 4;
      const next = (): number => {
        if (q + 8 > p + 4 + size) throw new ZipLimitError("damaged ZIP64 extra field");
        const v = Number(extra.readBigUInt64LE(q));
        q += 8;
        return v;
      };
      if (want.uncompressed) out.uncompressed = next();
      if (want.compressed) out.compressed = next();
      if (want.offset) out.offset = next();
      return out;
    }
    p += 4 + size;
  }
  throw new ZipLimitError("ZIP64 sizes announced but no ZIP64 extra field");
}

/**
 * Reads the central directory, checking the stated sizes against the limits. Throws
 * ZipLimitError (reason `damaged` when there is no zip structure at all).
 */
export function readDirectory(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const eocd = findEocd(buf);
  if (eocd < 0) throw new ZipLimitError("not a zip archive (no end-of-central-directory record)");
  let count = buf.readUInt16LE(eocd + 10);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || buf.readUInt32LE(loc) !== EOCD64_LOCATOR) throw new ZipLimitError("damaged ZIP64 end of central directory");
    const at = Number(buf.readBigUInt64LE(loc + 8));
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) throw new ZipLimitError("damaged ZIP64 end of central directory");
    count = Number(buf.readBigUInt64LE(at + 32));
    dirOffset = Number(buf.readBigUInt64LE(at + 48));
  }
  if (count > limits.maxEntries) throw new ZipLimitError(`too many entries in the archive (${count})`, "bomb");
  let total = 0;
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipLimitError("damaged zip central directory");
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    if (p + 46 + nameLen + extraLen + commentLen > buf.length) throw new ZipLimitError("damaged zip central directory");
    const nameBytes = Buffer.from(buf.subarray(p + 46, p + 46 + nameLen));
    const centralExtra = Buffer.from(buf.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    let compressed = buf.readUInt32LE(p + 20);
    let uncompressed = buf.readUInt32LE(p + 24);
    let localHeader = buf.readUInt32LE(p + 42);
    if (compressed === 0xffffffff || uncompressed === 0xffffffff || localHeader === 0xffffffff) {
      const v = zip64Values(centralExtra, { uncompressed: uncompressed === 0xffffffff, compressed: compressed === 0xffffffff, offset: localHeader === 0xffffffff });
      uncompressed = v.uncompressed ?? uncompressed;
      compressed = v.compressed ?? compressed;
      localHeader = v.offset ?? localHeader;
    }
    const entry: ZipEntry = {
      name: nameBytes.toString("utf8"),
      nameBytes,
      versionMadeBy: buf.readUInt16LE(p + 4),
      versionNeeded: buf.readUInt16LE(p + 6),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
      crc32: buf.readUInt32LE(p + 16),
      compressed,
      uncompressed,
      internalAttrs: buf.readUInt16LE(p + 36),
      externalAttrs: buf.readUInt32LE(p + 38),
      localHeader,
      centralExtra,
      comment: Buffer.from(buf.subarray(p + 46 + nameLen + extraLen, p + 46 + nameLen + extraLen + commentLen)),
    };
    entries.push(entry);
    total += uncompressed;
    if (uncompressed > 1_000_000 && uncompressed / Math.max(1, compressed) > limits.maxRatio) {
      throw new ZipLimitError(`entry ${entry.name} inflates ${Math.round(uncompressed / Math.max(1, compressed))}× (${uncompressed} bytes): refused as a zip bomb`, "bomb");
    }
    if (total > limits.maxTotalBytes) throw new ZipLimitError(`archive inflates to more than ${limits.maxTotalBytes} bytes`, "bomb");
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Where an entry's compressed bytes start, and its local extra field. */
function localData(buf: Buffer, e: ZipEntry): { start: number; localExtra: Buffer } {
  const h = e.localHeader;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw new ZipLimitError(`damaged zip entry ${e.name}`);
  const nameLen = buf.readUInt16LE(h + 26);
  const extraLen = buf.readUInt16LE(h + 28);
  const start = h + 30 + nameLen + extraLen;
  if (start + e.compressed > buf.length) throw new ZipLimitError(`damaged zip entry ${e.name}`);
  return { start, localExtra: Buffer.from(buf.subarray(h + 30 + nameLen, start)) };
}

/** An entry's compressed bytes and local extra field, exactly as stored. */
export function rawEntry(buf: Buffer, e: ZipEntry): { data: Buffer; localExtra: Buffer } {
  const { start, localExtra } = localData(buf, e);
  return { data: buf.subarray(start, start + e.compressed), localExtra };
}

/** Inflates one entry, capped at its stated size: more data than stated is refused. */
export function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  if (e.flags & 0x0001) throw new ZipLimitError(`entry ${e.name} is encrypted`, "unsupported");
  const { start } = localData(buf, e);
  const data = buf.subarray(start, start + e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.uncompressed) throw new ZipLimitError(`entry ${e.name} does not have the size its directory states`);
    return Buffer.from(data);
  }
  if (e.method !== 8) throw new ZipLimitError(`entry ${e.name} uses an unsupported compression method (${e.method})`, "unsupported");
  if (e.uncompressed === 0) return Buffer.alloc(0);
  let inflated: Buffer;
  try {
    // maxOutputLength must be ≥ 1; one byte more than stated tells "longer" from "exact".
    inflated = inflateRawSync(data, { maxOutputLength: e.uncompressed + 1 });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ZipLimitError(`entry ${e.name} inflates to more than the ${e.uncompressed} bytes its directory states: refused as a zip bomb`, "bomb");
    }
    throw new ZipLimitError(`entry ${e.name} cannot be inflated: ${(err as Error).message}`);
  }
  if (inflated.length !== e.uncompressed) throw new ZipLimitError(`entry ${e.name} does not have the size its directory states`);
  return inflated;
}

/**
 * Throws ZipLimitError when the archive's stated sizes exceed the limits, or an entry
 * inflates beyond its stated size; returns the total stated size.
 */
export function checkZipLimits(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): number {
  const entries = readDirectory(buf, limits);
  for (const e of entries) inflateEntry(buf, e);
  return entries.reduce((n, e) => n + e.uncompressed, 0);
}

/**
 * An opened package: entries by name (OPC part names are case-insensitive), inflated on
 * demand with their cap.
 */
export class ZipPackage {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();

  constructor(
    readonly bytes: Buffer,
    limits: ZipLimits = DEFAULT_ZIP_LIMITS,
  ) {
    this.entries = readDirectory(bytes, limits);
    for (const e of this.entries) this.byName.set(e.name.toLowerCase(), e);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.replace(/^\//, "").toLowerCase());
  }

  has(name: string): boolean {
    return this.entry(name) !== undefined;
  }

  /** The entry's bytes, inflated; undefined when there is no such entry. */
  read(name: string): Buffer | undefined {
    const e = this.entry(name);
    return e ? inflateEntry(this.bytes, e) : undefined;
  }

  /** The entry as UTF-8 text (a BOM dropped); undefined when there is no such entry. */
  text(name: string): string | undefined {
    const b = this.read(name);
    if (!b) return undefined;
    return decodeXmlBytes(b);
  }
}

/** XML bytes as text: UTF-8 (BOM dropped) or UTF-16 with its BOM, as ECMA-376 allows. */
export function decodeXmlBytes(b: Buffer): string {
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString("utf16le");
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) {
    const swapped = Buffer.from(b.subarray(2));
    swapped.swap16();
    return swapped.toString("utf16le");
  }
  const s = b.toString("utf8");
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
