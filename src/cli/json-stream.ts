/**
 * JSON written piece by piece, byte for byte what `JSON.stringify(value, null, 2)` writes,
 * so a report with 100,000 findings never has to be one string in memory. Long arrays, and
 * objects holding one, are walked; everything else (one finding, one indicator) is
 * stringified whole and indented to its place.
 */

export type Sink = (chunk: string) => void;

const INDENT = "  ";

function isOmitted(v: unknown): boolean {
  return v === undefined || typeof v === "function" || typeof v === "symbol";
}

/** `JSON.stringify(value, null, 2)` placed at `depth` (its lines after the first indented). */
function whole(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2);
  return depth === 0 ? text : text.replace(/\n/g, `\n${INDENT.repeat(depth)}`);
}

/** Arrays longer than this are written element by element. */
const LONG = 16;

/** True when a long array sits in `v` within `levels` levels (worth walking instead of stringifying). */
function holdsLongArray(v: object, levels = 5): boolean {
  if (Array.isArray(v)) {
    if (v.length > LONG) return true;
    return levels > 0 && v.some((x) => x !== null && typeof x === "object" && holdsLongArray(x, levels - 1));
  }
  if (levels === 0) return false;
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== null && typeof x === "object" && holdsLongArray(x, levels - 1)) return true;
  }
  return false;
}

/**
 * Writes `value` at nesting `depth` (0 = top level) as JSON.stringify(…, null, 2) would.
 * `streamDepth` bounds how many levels are walked.
 */
export function writeJson(value: unknown, sink: Sink, streamDepth = 8, depth = 0): void {
  const v = value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function" ? (value as { toJSON(): unknown }).toJSON() : value;
  if (streamDepth <= 0 || v === null || typeof v !== "object" || !holdsLongArray(v)) {
    sink(isOmitted(v) ? "null" : whole(v, depth));
    return;
  }
  const pad = INDENT.repeat(depth + 1);
  if (Array.isArray(v)) {
    if (v.length === 0) {
      sink("[]");
      return;
    }
    sink("[");
    v.forEach((item, i) => {
      sink(`${i > 0 ? "," : ""}\n${pad}`);
      writeJson(isOmitted(item) ? null : item, sink, streamDepth - 1, depth + 1);
    });
    sink(`\n${INDENT.repeat(depth)}]`);
    return;
  }
  const keys = Object.keys(v).filter((k) => !isOmitted((v as Record<string, unknown>)[k]));
  if (keys.length === 0) {
    sink("{}");
    return;
  }
  sink("{");
  keys.forEach((k, i) => {
    sink(`${i > 0 ? "," : ""}\n${pad}${JSON.stringify(k)}: `);
    writeJson((v as Record<string, unknown>)[k], sink, streamDepth - 1, depth + 1);
  });
  sink(`\n${INDENT.repeat(depth)}}`);
}

/** Collects small chunks into pieces of about `size` characters before passing them on. */
export function buffered(sink: Sink, size = 64 * 1024): { write: Sink; flush(): void } {
  let parts: string[] = [];
  let length = 0;
  return {
    write(chunk) {
      parts.push(chunk);
      length += chunk.length;
      if (length >= size) {
        sink(parts.join(""));
        parts = [];
        length = 0;
      }
    },
    flush() {
      if (length > 0) sink(parts.join(""));
      parts = [];
      length = 0;
    },
  };
}
