/**
 * A streaming XML scanner for the one part that is nearly all of a workbook's bytes: the
 * worksheet. saxes (./xml.ts) reads every other part; on a 50,000-row sheet it spent most
 * of the read walking characters one by one through its state machine. This scanner jumps
 * from `<` to `<` with `indexOf`, reads attributes only when asked, builds no tree and
 * reports the same events (local names, attributes, decoded text).
 *
 * It is strict where a damaged file shows: every start tag must be closed by its own end
 * tag, attribute values must be quoted, references must be the five XML entities or
 * numeric ones, and nothing but one root element may hold content. Comments, processing
 * instructions and CDATA sections are handled; a DOCTYPE (which no spreadsheet writer
 * emits, and which could declare entities) is refused.
 */

export class XmlSyntaxError extends Error {
  constructor(message: string, at: number) {
    // The shape of saxes' messages ("line:col: …"), which the file layer reports as damage.
    super(`0:${at}: ${message}`);
  }
}

const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

export function decodeEntities(text: string, at = 0): string {
  if (text.indexOf("&") < 0) return text;
  return text.replace(/&([^;&\s]*);?/g, (m, name: string) => {
    if (!m.endsWith(";")) throw new XmlSyntaxError("unterminated entity reference", at);
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) throw new XmlSyntaxError(`bad character reference &${name};`, at);
      return String.fromCodePoint(code);
    }
    const e = ENTITIES[name];
    if (e === undefined) throw new XmlSyntaxError(`undefined entity &${name};`, at);
    return e;
  });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * The attributes of the current start tag, read on demand: no object is built per element
 * (a 50,000-row sheet has two million tags). One reader is reused for every tag; it is
 * valid during `open` only.
 */
export class TagAttributes {
  private from = 0;
  private to = 0;

  constructor(private readonly xml: string) {}

  /** Points the reader at the next tag's attributes. */
  at(from: number, to: number): void {
    this.from = from;
    this.to = to;
  }

  get(name: string): string | undefined {
    const { xml, to } = this;
    let i = this.from;
    // Attribute by attribute: `name = "value"`, never past the tag, nothing allocated but the value.
    while (i < to) {
      if (isSpace(xml.charCodeAt(i))) {
        i++;
        continue;
      }
      let nameEnd = i;
      while (nameEnd < to) {
        const d = xml.charCodeAt(nameEnd);
        if (d === 61 || isSpace(d)) break;
        nameEnd++;
      }
      let k = nameEnd;
      while (k < to && isSpace(xml.charCodeAt(k))) k++;
      if (xml.charCodeAt(k) !== 61) throw new XmlSyntaxError("attribute without a value", i);
      k++;
      while (k < to && isSpace(xml.charCodeAt(k))) k++;
      const quote = xml.charCodeAt(k);
      if (quote !== 34 && quote !== 39) throw new XmlSyntaxError("unquoted attribute value", k);
      const close = xml.indexOf(quote === 34 ? '"' : "'", k + 1);
      if (close < 0 || close >= to) throw new XmlSyntaxError("unterminated attribute value", k);
      if (nameEnd - i === name.length && xml.startsWith(name, i)) return decodeEntities(xml.slice(k + 1, close), k);
      i = close + 1;
    }
    return undefined;
  }
}

export interface ScanHandlers {
  open?(local: string, attrs: TagAttributes, name: string): void;
  close?(local: string, name: string): void;
  text?(text: string): void;
}

/** The end of the start tag at `lt` (after its `>`), with quoted values skipped. */
function startTagEnd(xml: string, lt: number): number {
  let i = lt + 1;
  for (;;) {
    const gt = xml.indexOf(">", i);
    if (gt < 0) throw new XmlSyntaxError("unterminated start tag", lt);
    // A '>' inside a quoted attribute value does not end the tag.
    let quote = 0;
    for (let k = i; k < gt; k++) {
      const c = xml.charCodeAt(k);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
    }
    if (!quote) return gt + 1;
    const close = xml.indexOf(String.fromCharCode(quote), gt);
    if (close < 0) throw new XmlSyntaxError("unterminated attribute value", lt);
    i = close + 1;
  }
}

const localOf = (name: string): string => {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
};

/** Scans `xml`, calling the handlers (local names, attributes on demand, decoded text). */
export function scanXml(xml: string, h: ScanHandlers): void {
  const stack: string[] = [];
  const attrs = new TagAttributes(xml);
  const n = xml.length;
  let i = 0;
  let rootSeen = false;
  for (;;) {
    const lt = xml.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (stack.length > 0) {
        if (h.text) h.text(decodeEntities(xml.slice(i, textEnd), i));
      } else if (xml.slice(i, textEnd).trim() !== "") throw new XmlSyntaxError("text outside the root element", i);
    }
    if (lt < 0) break;
    const next = xml.charCodeAt(lt + 1);
    if (next === 47) {
      // </name>
      const gt = xml.indexOf(">", lt);
      if (gt < 0) throw new XmlSyntaxError("unterminated end tag", lt);
      const name = xml.slice(lt + 2, gt).trim();
      const open = stack.pop();
      if (open !== name) throw new XmlSyntaxError(`end tag </${name}> does not close <${open ?? ""}>`, lt);
      if (h.close) h.close(localOf(name), name);
      i = gt + 1;
      continue;
    }
    if (next === 33) {
      if (xml.startsWith("<!--", lt)) {
        const end = xml.indexOf("-->", lt + 4);
        if (end < 0) throw new XmlSyntaxError("unterminated comment", lt);
        i = end + 3;
        continue;
      }
      if (xml.startsWith("<![CDATA[", lt)) {
        const end = xml.indexOf("]]>", lt + 9);
        if (end < 0) throw new XmlSyntaxError("unterminated CDATA section", lt);
        if (stack.length === 0) throw new XmlSyntaxError("CDATA outside the root element", lt);
        if (h.text) h.text(xml.slice(lt + 9, end));
        i = end + 3;
        continue;
      }
      throw new XmlSyntaxError("a DOCTYPE or declaration is not allowed here", lt);
    }
    if (next === 63) {
      const end = xml.indexOf("?>", lt + 2);
      if (end < 0) throw new XmlSyntaxError("unterminated processing instruction", lt);
      i = end + 2;
      continue;
    }
    // <name attrs> or <name attrs/>
    const end = startTagEnd(xml, lt);
    const selfClosing = xml.charCodeAt(end - 2) === 47;
    const inner = selfClosing ? end - 2 : end - 1;
    let nameEnd = lt + 1;
    while (nameEnd < inner && !isSpace(xml.charCodeAt(nameEnd))) nameEnd++;
    const name = xml.slice(lt + 1, nameEnd);
    if (name === "") throw new XmlSyntaxError("a tag without a name", lt);
    if (stack.length === 0) {
      if (rootSeen) throw new XmlSyntaxError("a second root element", lt);
      rootSeen = true;
    }
    attrs.at(nameEnd, inner);
    const local = localOf(name);
    if (h.open) h.open(local, attrs, name);
    if (selfClosing) {
      if (h.close) h.close(local, name);
    } else stack.push(name);
    i = end;
  }
  if (stack.length > 0) throw new XmlSyntaxError(`unterminated element <${stack[stack.length - 1]}>`, n);
  if (!rootSeen) throw new XmlSyntaxError("no root element", 0);
}
