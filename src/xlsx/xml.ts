/**
 * Streaming XML reading over saxes (a maintained, conformant, non-validating SAX parser;
 * it decodes entities and character references and refuses what is not well-formed, and
 * never builds a tree, so memory follows the events). Elements are reported by their
 * local name: Transitional and Strict OOXML differ in namespace URIs, and generators
 * choose their own prefixes (`<x:row>`), so a reader that matched prefixed names would
 * miss them.
 */
import { SaxesParser } from "saxes";

export interface XmlHandlers {
  open?(local: string, attrs: Record<string, string>, name: string): void;
  close?(local: string, name: string): void;
  /** Character data (entities decoded), CDATA included. */
  text?(text: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Parses `xml`, calling the handlers; throws on XML that is not well-formed. */
export function parseXml(xml: string, h: XmlHandlers): void {
  const parser = new SaxesParser();
  let failure: Error | null = null;
  parser.on("error", (e) => {
    failure ??= e;
  });
  if (h.open) {
    const open = h.open;
    parser.on("opentag", (tag) => open(localName(tag.name), tag.attributes as Record<string, string>, tag.name));
  }
  if (h.close) {
    const close = h.close;
    parser.on("closetag", (tag) => close(localName(tag.name), tag.name));
  }
  if (h.text) {
    parser.on("text", h.text);
    parser.on("cdata", h.text);
  }
  parser.write(xml).close();
  if (failure) throw failure;
}

/** An attribute by local name, whatever its prefix (`r:id`, `x:ref`, `ref`). */
export function attrLocal(attrs: Record<string, string>, local: string): string | undefined {
  if (local in attrs) return attrs[local];
  for (const k in attrs) if (localName(k) === local && !k.startsWith("xmlns")) return attrs[k];
  return undefined;
}

/** The relationship id of an element (`r:id`, or `r:embed`), whatever the prefix is bound to. */
export function relId(attrs: Record<string, string>): string | undefined {
  for (const k in attrs) {
    if (k.startsWith("xmlns")) continue;
    if (k.includes(":") && localName(k) === "id") return attrs[k];
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

// eslint-disable-next-line no-control-regex
const NEEDS_TEXT_ESCAPE = /[&<>\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;

/** Character data as XML (quotes need no escaping outside attributes); control characters dropped. */
export function escapeXmlText(text: string): string {
  if (!NEEDS_TEXT_ESCAPE.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "").replace(/[&<>]/g, (c) => ESCAPES[c]);
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"'\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/;

/** Text or attribute value as XML, control characters that XML 1.0 cannot carry dropped. */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, "").replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
