/** Text normalisation shared by the recognisers: what a tolerant reader ignores. */

/** Strips HTML tags and entities left by document converters, and markdown bold. */
export function stripMarkup(text: string): string {
  return text
    // Inline tags vanish (`(<i>strategy map</i>)` → `(strategy map)`); block tags separate words.
    .replace(/<\/?(?:i|b|em|strong|u|span|sup|sub|font)\b[^>]{0,200}>/gi, "")
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/\*\*/g, "");
}

/** Collapses whitespace (including non-breaking and zero-width characters) and trims. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u200b-\u200f\u202a-\u202e\ufeff]+/g, " ").trim();
}

/**
 * A bounded memo for pure string functions: the same texts (`Jumlah laporan`, a sasaran
 * shared by many rows) are normalised again and again during one check.
 */
export function memo<T>(fn: (text: string) => T, max = 20_000): (text: string) => T {
  let cache = new Map<string, T>();
  return (text: string): T => {
    const hit = cache.get(text);
    if (hit !== undefined) return hit;
    const value = fn(text);
    if (cache.size >= max) cache = new Map();
    if (text.length <= 2_000) cache.set(text, value);
    return value;
  };
}

/** Plain display text of a cell: markup removed, whitespace collapsed, case kept. */
export const displayText: (text: string) => string = memo((text) => squash(stripMarkup(text)));

/** Lower-case, markup-free, single-spaced text for matching. */
export const normalize: (text: string) => string = memo((text) => displayText(text).toLowerCase());

/** Levenshtein distance, capped: returns 3 once the lengths differ by more than 2 (typo-level comparisons only). */
export function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_v, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
