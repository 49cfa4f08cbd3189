/**
 * Limits checked before an .xlsx is parsed: an .xlsx is a zip, and a zip bomb (a few
 * kilobytes that inflate to gigabytes) must be refused. The central directory states every
 * entry's sizes, so most bombs are refused before anything is inflated. But the stated
 * sizes are only a claim: each entry is then inflated with its stated size as a hard cap
 * (zlib stops there), so an entry that lies about its size is refused too, and memory is
 * bounded by the limits, never by what the data would inflate to.
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
  // 300 MB of XML is about 400,000 filled rows: beyond that exceljs runs out of memory anyway.
  maxTotalBytes: 300_000_000,
  maxRatio: 200,
  maxEntries: 10_000,
};

export class ZipLimitError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface EntryClaim {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localHeader: number;
}

/**
 * Throws ZipLimitError when the archive's stated sizes exceed the limits, or an entry
 * inflates beyond its stated size; returns the total.
 */
export function checkZipLimits(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): number {
  const { claims, total } = directory(buf, limits);
  for (const claim of claims) verifyStatedSize(buf, claim);
  return total;
}

/** Reads the central directory, checking the stated sizes against the limits. */
function directory(buf: Buffer, limits: ZipLimits): { claims: EntryClaim[]; total: number } {
  // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipLimitError("not a zip archive (no end-of-central-directory record)");
  const entries = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (entries > limits.maxEntries) throw new ZipLimitError(`too many entries in the archive (${entries})`);
  let total = 0;
  const claims: EntryClaim[] = [];
  let p = dirOffset;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipLimitError("damaged zip central directory");
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    claims.push({ name: buf.toString("utf8", p + 46, p + 46 + nameLen), method: buf.readUInt16LE(p + 10), compressed, uncompressed, localHeader: buf.readUInt32LE(p + 42) });
    // ZIP64 markers (0xFFFFFFFF) mean sizes beyond 4 GiB: far beyond any workbook we check.
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) throw new ZipLimitError("entry larger than 4 GiB");
    total += uncompressed;
    if (uncompressed > 1_000_000 && uncompressed / Math.max(1, compressed) > limits.maxRatio) {
      const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
      throw new ZipLimitError(`entry ${name} inflates ${Math.round(uncompressed / Math.max(1, compressed))}× (${uncompressed} bytes): refused as a zip bomb`);
    }
    if (total > limits.maxTotalBytes) throw new ZipLimitError(`archive inflates to more than ${limits.maxTotalBytes} bytes`);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { claims, total };
}

/** The entries as the central directory states them (no limits checked: call checkZipLimits first). */
export function zipEntries(buf: Buffer): EntryClaim[] {
  return directory(buf, { maxTotalBytes: Infinity, maxRatio: Infinity, maxEntries: Infinity }).claims;
}

/** One entry's bytes, inflated and capped at its stated size. */
export function readZipEntry(buf: Buffer, e: EntryClaim): Buffer {
  return verifyStatedSize(buf, e);
}

/** Inflates one entry, capped at its stated size: more data than stated is refused. */
function verifyStatedSize(buf: Buffer, e: EntryClaim): Buffer {
  const h = e.localHeader;
  if (h + 30 > buf.length || buf.readUInt32LE(h) !== LOCAL) throw new ZipLimitError(`damaged zip entry ${e.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  if (start + e.compressed > buf.length) throw new ZipLimitError(`damaged zip entry ${e.name}`);
  const data = buf.subarray(start, start + e.compressed);
  if (e.method === 0) {
    if (e.compressed !== e.uncompressed) throw new ZipLimitError(`entry ${e.name} does not have the size its directory states`);
    return Buffer.from(data);
  }
  if (e.method !== 8) throw new ZipLimitError(`entry ${e.name} uses an unsupported compression method (${e.method})`);
  let inflated: Buffer;
  try {
    // maxOutputLength must be ≥ 1; one byte more than stated tells "longer" from "exact".
    inflated = inflateRawSync(data, { maxOutputLength: e.uncompressed + 1 });
  } catch (err) {
    if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
      throw new ZipLimitError(`entry ${e.name} inflates to more than the ${e.uncompressed} bytes its directory states: refused as a zip bomb`);
    }
    throw new ZipLimitError(`entry ${e.name} cannot be inflated: ${(err as Error).message}`);
  }
  if (inflated.length !== e.uncompressed) throw new ZipLimitError(`entry ${e.name} does not have the size its directory states`);
  return inflated;
}
