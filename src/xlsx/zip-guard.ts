/**
 * Limits checked before an .xlsx is inflated: an .xlsx is a zip, and a zip bomb (a few
 * kilobytes that inflate to gigabytes) must be refused from its central directory, which
 * states every entry's sizes — without decompressing anything.
 */

export interface ZipLimits {
  /** Total uncompressed bytes of all entries. */
  maxTotalBytes: number;
  /** Uncompressed / compressed, per entry of more than 1 MB. */
  maxRatio: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxTotalBytes: 1_000_000_000,
  maxRatio: 200,
  maxEntries: 10_000,
};

export class ZipLimitError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** Throws ZipLimitError when the archive's stated sizes exceed the limits; returns the total. */
export function checkZipLimits(buf: Buffer, limits: ZipLimits = DEFAULT_ZIP_LIMITS): number {
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
  let p = dirOffset;
  for (let k = 0; k < entries; k++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipLimitError("damaged zip central directory");
    const compressed = buf.readUInt32LE(p + 20);
    const uncompressed = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
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
  return total;
}
