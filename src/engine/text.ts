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

/** Lower-case, markup-free, single-spaced text for matching. */
export function normalize(text: string): string {
  return squash(stripMarkup(text)).toLowerCase();
}

/** Plain display text of a cell: markup removed, whitespace collapsed, case kept. */
export function displayText(text: string): string {
  return squash(stripMarkup(text));
}

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
