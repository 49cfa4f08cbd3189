/**
 * Writes a ZIP package for an annotated copy: entries the copy does not touch are copied
 * with their compressed bytes, CRC, timestamps and attributes exactly as the original
 * stores them (never inflated and deflated again); changed and new entries are deflated.
 * Entries keep the original's order; new ones follow. The output is deterministic: the
 * same input and additions give the same bytes.
 */
import * as zlib from "zlib";
import { rawEntry, type ZipEntry } from "./zip";

/** Parts above this many bytes are deflated at level 1. */
const LARGE_PART = 4_000_000;

export type OutEntry =
  /** An entry of the original, copied as stored. */
  | { kind: "copy"; entry: ZipEntry }
  /** New content for an entry of the original (its name, timestamp and attributes kept) or a new entry. */
  | { kind: "data"; name: string; data: Buffer | readonly Buffer[]; like?: ZipEntry };

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** Node's native CRC-32 (Node ≥ 20.15), else the table. */
const nativeCrc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/** CRC-32 of `data`, continuing from `previous` (the CRC of the bytes before it). */
export function crc32(data: Buffer, previous = 0): number {
  if (nativeCrc32) return nativeCrc32(data, previous) >>> 0;
  let c = ~previous;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/**
 * Deflates an entry given in pieces without joining them: each piece is compressed on its
 * own and ends on a sync flush (an empty stored block at a byte boundary), the last with
 * the final block, so the outputs concatenated are one valid deflate stream.
 */
function deflatePieces(pieces: readonly Buffer[]): { compressed: Buffer[]; crc: number; size: number } {
  const size = pieces.reduce((n, p) => n + p.length, 0);
  // Large parts (a 50,000-row sheet) at a faster level: a few percent larger, several times quicker.
  const level = size > LARGE_PART ? 1 : 6;
  let crc = 0;
  const compressed = pieces.map((p, i) => {
    crc = crc32(p, crc);
    return zlib.deflateRawSync(p, { level, finishFlush: i === pieces.length - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
  });
  if (pieces.length === 0) compressed.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { compressed, crc, size };
}

/** Extra fields without ZIP64 records: every size and offset we write fits 32 bits. */
function withoutZip64(extra: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let p = 0; p + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(p);
    const size = extra.readUInt16LE(p + 2);
    if (id !== 0x0001) parts.push(extra.subarray(p, p + 4 + size));
    p += 4 + size;
  }
  return Buffer.concat(parts);
}

interface Written {
  nameBytes: Buffer;
  versionMadeBy: number;
  versionNeeded: number;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressed: number;
  uncompressed: number;
  internalAttrs: number;
  externalAttrs: number;
  centralExtra: Buffer;
  comment: Buffer;
  offset: number;
}

/**
 * The package as bytes. `original` holds the source archive's bytes (for copied
 * entries); `stamp` gives new entries their DOS time and date.
 */
export function writeZip(original: Buffer, entries: readonly OutEntry[], stamp: { time: number; date: number }): Buffer {
  const chunks: Buffer[] = [];
  const central: Written[] = [];
  let offset = 0;
  const push = (b: Buffer): void => {
    chunks.push(b);
    offset += b.length;
  };
  for (const e of entries) {
    let w: Omit<Written, "offset">;
    let data: Buffer[];
    let localExtra: Buffer;
    if (e.kind === "copy") {
      const raw = rawEntry(original, e.entry);
      data = [raw.data];
      localExtra = withoutZip64(raw.localExtra);
      w = {
        nameBytes: e.entry.nameBytes,
        versionMadeBy: e.entry.versionMadeBy,
        versionNeeded: e.entry.versionNeeded,
        // Bit 3 (sizes in a data descriptor) is cleared: the local header carries them.
        flags: e.entry.flags & ~0x0008,
        method: e.entry.method,
        time: e.entry.time,
        date: e.entry.date,
        crc: e.entry.crc32,
        compressed: e.entry.compressed,
        uncompressed: e.entry.uncompressed,
        internalAttrs: e.entry.internalAttrs,
        externalAttrs: e.entry.externalAttrs,
        centralExtra: withoutZip64(e.entry.centralExtra),
        comment: e.entry.comment,
      };
    } else {
      const d = deflatePieces(Buffer.isBuffer(e.data) ? [e.data] : e.data);
      data = d.compressed;
      localExtra = Buffer.alloc(0);
      const like = e.like;
      const nameBytes = like ? like.nameBytes : Buffer.from(e.name, "utf8");
      w = {
        nameBytes,
        versionMadeBy: like?.versionMadeBy ?? 20,
        versionNeeded: 20,
        // Bit 11: the name is UTF-8 (only needed when it is not ASCII).
        flags: (like ? like.flags & 0x0800 : 0) | (/[^\x20-\x7e]/.test(e.name) ? 0x0800 : 0),
        method: 8,
        time: like?.time ?? stamp.time,
        date: like?.date ?? stamp.date,
        crc: d.crc,
        compressed: data.reduce((n, b) => n + b.length, 0),
        uncompressed: d.size,
        internalAttrs: like?.internalAttrs ?? 0,
        externalAttrs: like?.externalAttrs ?? 0,
        centralExtra: like ? withoutZip64(like.centralExtra) : Buffer.alloc(0),
        comment: like?.comment ?? Buffer.alloc(0),
      };
    }
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(w.versionNeeded, 4);
    header.writeUInt16LE(w.flags, 6);
    header.writeUInt16LE(w.method, 8);
    header.writeUInt16LE(w.time, 10);
    header.writeUInt16LE(w.date, 12);
    header.writeUInt32LE(w.crc, 14);
    header.writeUInt32LE(w.compressed, 18);
    header.writeUInt32LE(w.uncompressed, 22);
    header.writeUInt16LE(w.nameBytes.length, 26);
    header.writeUInt16LE(localExtra.length, 28);
    central.push({ ...w, offset });
    push(header);
    push(w.nameBytes);
    push(localExtra);
    for (const piece of data) push(piece);
  }
  const dirStart = offset;
  for (const w of central) {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(w.versionMadeBy, 4);
    h.writeUInt16LE(w.versionNeeded, 6);
    h.writeUInt16LE(w.flags, 8);
    h.writeUInt16LE(w.method, 10);
    h.writeUInt16LE(w.time, 12);
    h.writeUInt16LE(w.date, 14);
    h.writeUInt32LE(w.crc, 16);
    h.writeUInt32LE(w.compressed, 20);
    h.writeUInt32LE(w.uncompressed, 24);
    h.writeUInt16LE(w.nameBytes.length, 28);
    h.writeUInt16LE(w.centralExtra.length, 30);
    h.writeUInt16LE(w.comment.length, 32);
    h.writeUInt16LE(0, 34);
    h.writeUInt16LE(w.internalAttrs, 36);
    h.writeUInt32LE(w.externalAttrs, 38);
    h.writeUInt32LE(w.offset, 42);
    push(h);
    push(w.nameBytes);
    push(w.centralExtra);
    push(w.comment);
  }
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(offset - dirStart, 12);
  end.writeUInt32LE(dirStart, 16);
  push(end);
  return Buffer.concat(chunks);
}
