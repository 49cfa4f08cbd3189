/**
 * An OOXML package being turned into its annotated copy: parts changed, added or (only
 * parts the checker itself wrote earlier) removed, relationships and content types
 * kept in step, then written with every untouched entry copied byte for byte.
 */
import { posix } from "path";
import { parseRels, relsPathOf, type Relationship, type WorkbookInfo } from "./ooxml";
import { escapeXml } from "./xml";
import { applySplices, scanElements } from "./xml-splice";
import { decodeXmlBytes, type ZipPackage } from "./zip";
import { writeZip, type OutEntry } from "./zip-write";

export type RelKind = "worksheet" | "comments" | "vmlDrawing" | "styles";

const REL_BASE = {
  transitional: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
  strict: "http://purl.oclc.org/ooxml/officeDocument/relationships/",
};

export const CONTENT_TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  comments: "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  vml: "application/vnd.openxmlformats-officedocument.vmlDrawing",
  rels: "application/vnd.openxmlformats-package.relationships+xml",
};

const RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text as UTF-8 pieces of at most a million characters (never cut inside a surrogate pair). */
function textPieces(text: string): Buffer | Buffer[] {
  const MAX = 1_000_000;
  if (text.length <= MAX) return Buffer.from(text, "utf8");
  const out: Buffer[] = [];
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + MAX);
    const c = text.charCodeAt(end - 1);
    if (end < text.length && c >= 0xd800 && c <= 0xdbff) end--;
    out.push(Buffer.from(text.slice(i, end), "utf8"));
    i = end;
  }
  return out;
}

export class PackageEdit {
  /** Parts with new content (by lower-case name), `null` for a removed part. */
  /** Parts with new content (by lower-case name), `null` for a removed part; big ones in pieces. */
  private readonly changed = new Map<string, { name: string; data: Buffer | readonly Buffer[] | null }>();
  private readonly added: string[] = [];

  constructor(
    readonly pkg: ZipPackage,
    readonly info: WorkbookInfo,
  ) {}

  relType(kind: RelKind): string {
    return (this.info.strict ? REL_BASE.strict : REL_BASE.transitional) + kind;
  }

  exists(part: string): boolean {
    const c = this.changed.get(part.toLowerCase());
    return c ? c.data !== null : this.pkg.has(part);
  }

  text(part: string): string | undefined {
    const c = this.changed.get(part.toLowerCase());
    if (c) return c.data === null ? undefined : decodeXmlBytes(Buffer.isBuffer(c.data) ? c.data : Buffer.concat(c.data));
    return this.pkg.text(part);
  }

  setText(part: string, text: string): void {
    this.setBytes(part, textPieces(text));
  }

  setBytes(part: string, data: Buffer | readonly Buffer[]): void {
    const key = part.toLowerCase();
    if (!this.changed.has(key) && !this.pkg.has(part)) this.added.push(part);
    this.changed.set(key, { name: this.changed.get(key)?.name ?? part, data });
  }

  /** Removes a part (only ever one the checker wrote) with its relationships part. */
  remove(part: string): void {
    for (const p of [part, relsPathOf(part)]) {
      if (!this.exists(p)) continue;
      this.changed.set(p.toLowerCase(), { name: p, data: null });
    }
  }

  /** The first free part name of a numbered family: `xl/comments{n}.xml`, n = 1, 2, … */
  freePart(pattern: (n: number) => string): string {
    for (let n = 1; ; n++) if (!this.exists(pattern(n))) return pattern(n);
  }

  rels(part: string): Relationship[] {
    const xml = this.text(relsPathOf(part));
    return xml === undefined ? [] : parseRels(xml, part);
  }

  /** Adds a relationship from `source` to `target`; returns its new id. */
  addRel(source: string, kind: RelKind, target: string): string {
    const relsPart = relsPathOf(source);
    const existing = this.text(relsPart);
    const ids = new Set(this.rels(source).map((r) => r.id));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const id = `rId${n}`;
    const dir = posix.dirname(source);
    const relative = posix.relative(dir === "." ? "" : dir, target);
    const element = `<Relationship Id="${id}" Type="${this.relType(kind)}" Target="${escapeXml(relative)}"/>`;
    if (existing === undefined) this.setText(relsPart, `${XML_DECL}<Relationships xmlns="${RELS_NS}">${element}</Relationships>`);
    else {
      const scan = scanElements(existing);
      this.setText(relsPart, applySplices(existing, [{ at: scan.rootClose, insert: element.replace("<Relationship", `<${scan.prefix}Relationship`) }]));
    }
    return id;
  }

  /** Removes relationships of `source` by id (those the checker wrote). */
  removeRels(source: string, ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    const relsPart = relsPathOf(source);
    const xml = this.text(relsPart);
    if (xml === undefined) return;
    const scan = scanElements(xml);
    const all = scan.children.filter((c) => c.local === "Relationship");
    const doomed = all.filter((c) => ids.has(/\sId\s*=\s*["']([^"']*)["']/.exec(c.tag)?.[1] ?? ""));
    // A relationships part left with none was ours (a part with no relationships has no rels part).
    if (doomed.length === all.length) this.remove(relsPart);
    else this.setText(relsPart, applySplices(xml, doomed.map((c) => ({ at: c.start, remove: c.end - c.start }))));
  }

  /** Declares a part's content type (an Override), or an extension's (a Default) when it has none yet. */
  addContentType(entry: { part: string; type: string } | { extension: string; type: string }): void {
    const xml = this.text("[Content_Types].xml")!;
    const scan = scanElements(xml);
    let element: string;
    if ("part" in entry) element = `<${scan.prefix}Override PartName="/${escapeXml(entry.part)}" ContentType="${entry.type}"/>`;
    else {
      const has = scan.children.some((c) => c.local === "Default" && new RegExp(`Extension\\s*=\\s*["']${entry.extension}["']`, "i").test(c.tag));
      if (has) return;
      // Defaults come first in [Content_Types].xml.
      const at = scan.children.find((c) => c.local === "Override")?.start ?? scan.rootClose;
      this.setText("[Content_Types].xml", applySplices(xml, [{ at, insert: `<${scan.prefix}Default Extension="${entry.extension}" ContentType="${entry.type}"/>` }]));
      return;
    }
    this.setText("[Content_Types].xml", applySplices(xml, [{ at: scan.rootClose, insert: element }]));
  }

  removeContentTypeOverride(part: string): void {
    const xml = this.text("[Content_Types].xml")!;
    const scan = scanElements(xml);
    const wanted = `/${part}`.toLowerCase();
    const doomed = scan.children.filter((c) => c.local === "Override" && (/PartName\s*=\s*["']([^"']*)["']/.exec(c.tag)?.[1] ?? "").toLowerCase() === wanted);
    if (doomed.length) this.setText("[Content_Types].xml", applySplices(xml, doomed.map((c) => ({ at: c.start, remove: c.end - c.start }))));
  }

  /** The package's part names now: the original's not removed, then the added ones. */
  names(): string[] {
    return [...this.pkg.entries.map((e) => e.name), ...this.added].filter((n) => this.exists(n));
  }

  /** True when nothing was changed, added or removed. */
  get untouched(): boolean {
    return this.changed.size === 0;
  }

  /** The package's bytes: untouched entries as stored, changed ones deflated, new ones last. */
  write(): Buffer {
    const out: OutEntry[] = [];
    for (const e of this.pkg.entries) {
      const c = this.changed.get(e.name.toLowerCase());
      if (!c) out.push({ kind: "copy", entry: e });
      else if (c.data !== null) out.push({ kind: "data", name: e.name, data: c.data, like: e });
    }
    for (const name of this.added) {
      const c = this.changed.get(name.toLowerCase());
      if (c?.data) out.push({ kind: "data", name, data: c.data });
    }
    const stamp = this.pkg.entries[0] ?? { time: 0, date: (1 << 5) | 1 };
    return writeZip(this.pkg.bytes, out, { time: stamp.time, date: stamp.date });
  }
}
