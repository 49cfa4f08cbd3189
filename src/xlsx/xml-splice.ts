/**
 * Text-level edits of an XML part at element boundaries. An annotated copy changes a
 * part only by inserting elements between existing ones (and, when it replaces an
 * earlier copy's flags, by cutting out elements it wrote itself), so every byte of the
 * user's XML — declarations, prefixes, attribute order, whitespace — stays as it was.
 *
 * `scanElements` finds the root element and its direct children with their offsets; the
 * large `sheetData` child is skipped with one search, not walked tag by tag.
 */

export interface ElementSpan {
  /** Qualified name as written (`x:row`, `sheetData`). */
  name: string;
  local: string;
  /** Offset of `<`. */
  start: number;
  /** Offset just after the start tag's `>`. */
  startTagEnd: number;
  /** Offset just after the element's end (after `/>` or the end tag's `>`). */
  end: number;
  /** The start tag's text (`<sheet name="A" r:id="rId1"/>`). */
  tag: string;
  selfClosing: boolean;
}

export interface ScannedXml {
  root: ElementSpan;
  /** Offset of the root's end tag `</…>` (where content is appended); for a self-closing root, `root.startTagEnd - 2`. */
  rootClose: number;
  children: ElementSpan[];
  /** The root element's namespace prefix with its colon (`x:`), or "". */
  prefix: string;
}

const localOf = (name: string): string => name.slice(name.indexOf(":") + 1);

/** The end of the tag starting at `lt` (`<`), quote-aware; offset after `>`. */
function tagEnd(xml: string, lt: number): number {
  let quote = "";
  for (let i = lt + 1; i < xml.length; i++) {
    const ch = xml[i];
    if (quote) {
      if (ch === quote) quote = "";
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ">") return i + 1;
  }
  throw new Error("unterminated tag");
}

/** Skips a comment, CDATA section, processing instruction or doctype at `lt`; the offset after it, or -1. */
function skipSpecial(xml: string, lt: number): number {
  if (xml.startsWith("<!--", lt)) return xml.indexOf("-->", lt + 4) + 3;
  if (xml.startsWith("<![CDATA[", lt)) return xml.indexOf("]]>", lt + 9) + 3;
  if (xml.startsWith("<?", lt)) return xml.indexOf("?>", lt + 2) + 2;
  if (xml.startsWith("<!", lt)) return tagEnd(xml, lt);
  return -1;
}

function nameAt(xml: string, from: number): string {
  let i = from;
  while (i < xml.length && !/[\s/>]/.test(xml[i])) i++;
  return xml.slice(from, i);
}

/** The root element and its direct children. */
export function scanElements(xml: string): ScannedXml {
  let i = 0;
  let root: ElementSpan | null = null;
  const children: ElementSpan[] = [];
  let depth = 0;
  let open: ElementSpan | null = null;
  while (true) {
    const lt = xml.indexOf("<", i);
    if (lt < 0) throw new Error("no root element end");
    const special = skipSpecial(xml, lt);
    if (special >= 0) {
      if (special < 3) throw new Error("unterminated markup");
      i = special;
      continue;
    }
    if (xml[lt + 1] === "/") {
      const end = tagEnd(xml, lt);
      depth--;
      if (depth === 0 && root) return { root: { ...root, end }, rootClose: lt, children, prefix: prefixOf(root.name) };
      if (depth === 1 && open) {
        open.end = end;
        children.push(open);
        open = null;
      }
      i = end;
      continue;
    }
    const end = tagEnd(xml, lt);
    const name = nameAt(xml, lt + 1);
    const selfClosing = xml[end - 2] === "/";
    const span: ElementSpan = { name, local: localOf(name), start: lt, startTagEnd: end, end, tag: xml.slice(lt, end), selfClosing };
    if (depth === 0) {
      root = span;
      if (selfClosing) return { root: span, rootClose: end - 2, children, prefix: prefixOf(name) };
      depth = 1;
      i = end;
      continue;
    }
    if (depth === 1) {
      if (selfClosing) {
        children.push(span);
        i = end;
        continue;
      }
      if (span.local === "sheetData") {
        // Cells are never edited: jump to the end tag instead of walking every row.
        const close = xml.indexOf(`</${name}`, end);
        if (close < 0) throw new Error("unterminated sheetData");
        span.end = tagEnd(xml, close);
        children.push(span);
        i = span.end;
        continue;
      }
      open = span;
    } else if (selfClosing) {
      i = end;
      continue;
    }
    depth++;
    i = end;
  }
}

function prefixOf(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? "" : name.slice(0, colon + 1);
}

/** An attribute's value in a start tag (by qualified name), XML-unescaped; undefined when absent. */
export function tagAttr(tag: string, name: string): string | undefined {
  const re = new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*("([^"]*)"|'([^']*)')`);
  const m = re.exec(tag);
  if (!m) return undefined;
  return unescapeXml(m[2] ?? m[3] ?? "");
}

/** The prefix (with colon) a start tag binds to `uri`, "" for the default namespace, or undefined. */
export function prefixFor(tag: string, uri: string): string | undefined {
  const re = /\sxmlns(?::([\w.-]+))?\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (const m of tag.matchAll(re)) if ((m[3] ?? m[4]) === uri) return m[1] ? `${m[1]}:` : "";
  return undefined;
}

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, e: string) => {
    if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e]!;
  });
}

export interface Splice {
  at: number;
  /** Characters removed from `at` (0 for an insertion). */
  remove?: number;
  insert?: string;
}

/** Applies splices (non-overlapping; insertions at the same offset keep their order). */
export function applySplices(xml: string, splices: readonly Splice[]): string {
  const sorted = splices.map((s, i) => ({ ...s, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  let out = "";
  let pos = 0;
  for (const s of sorted) {
    if (s.at < pos) throw new Error("overlapping XML edits");
    out += xml.slice(pos, s.at) + (s.insert ?? "");
    pos = s.at + (s.remove ?? 0);
  }
  return out + xml.slice(pos);
}

/**
 * Where a new child goes in a sequence ordered by a schema: after the last existing child
 * of the elements that precede it, i.e. before the first child whose name comes after it.
 * `after` lists the local names that must follow the new element.
 */
export function insertionPoint(scan: ScannedXml, after: readonly string[]): number {
  const later = new Set(after);
  const first = scan.children.find((c) => later.has(c.local));
  return first ? first.start : scan.rootClose;
}

/** The text of a child element's content (between its tags); "" for a self-closing one. */
export function innerOf(xml: string, span: ElementSpan): { from: number; to: number } {
  if (span.selfClosing) return { from: span.startTagEnd, to: span.startTagEnd };
  return { from: span.startTagEnd, to: xml.lastIndexOf("</", span.end - 1) };
}
