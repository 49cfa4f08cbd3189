/**
 * Notes in the file: the comments part holds each note's text (`<comment ref="K14">`),
 * the sheet's legacy VML drawing holds the note's box (`<v:shape>` with
 * `<x:ClientData ObjectType="Note">`). Notes the checker writes get author "IKI Checker"
 * and a text that starts with the marker line, exactly as the add-in writes them.
 *
 * Excel's VML is often not well-formed XML (`<br>` without its end tag), so it is edited
 * as text: shapes are inserted before `</xml>` with shape ids free inside the drawing's
 * `o:idmap` block, and removed by their own span.
 */
import { FLAG_MARKER, isOurNote } from "../engine/flag-style";
import { STRICT_MAIN_NS, TRANSITIONAL_MAIN_NS } from "./ooxml";
import { escapeXml } from "./xml";
import { applySplices, innerOf, scanElements, unescapeXml, type Splice } from "./xml-splice";
import { parseCellAddress, cellAddress } from "../engine/address";

export interface NoteToAdd {
  row: number;
  col: number;
  text: string;
}

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

function commentXml(n: NoteToAdd, authorId: number, prefix: string): string {
  return `<${prefix}comment ref="${cellAddress(n.row, n.col)}" authorId="${authorId}"><${prefix}text><${prefix}t xml:space="preserve">${escapeXml(n.text)}</${prefix}t></${prefix}text></${prefix}comment>`;
}

export function newCommentsXml(notes: readonly NoteToAdd[], strict: boolean): string {
  return (
    XML_DECL +
    `<comments xmlns="${strict ? STRICT_MAIN_NS : TRANSITIONAL_MAIN_NS}"><authors><author>${FLAG_MARKER}</author></authors>` +
    `<commentList>${notes.map((n) => commentXml(n, 0, "")).join("")}</commentList></comments>`
  );
}

/** The cells (`row:col`) that notes or threaded comments sit on; a damaged reference names none. */
export function cellKeys(entries: readonly { ref: string }[]): Set<string> {
  const out = new Set<string>();
  for (const c of entries) {
    try {
      const a = parseCellAddress(c.ref);
      out.add(`${a.row}:${a.col}`);
    } catch {
      // No cell: nothing to keep clear.
    }
  }
  return out;
}

/** Adds notes to an existing comments part: our author once, our comments at the end of the list. */
export function addToCommentsXml(xml: string, notes: readonly NoteToAdd[]): string {
  const scan = scanElements(xml);
  const p = scan.prefix;
  const authors = scan.children.find((c) => c.local === "authors");
  const list = scan.children.find((c) => c.local === "commentList");
  const splices: Splice[] = [];
  let authorId: number;
  if (authors) {
    const inner = innerOf(xml, authors);
    const names = [...xml.slice(inner.from, inner.to).matchAll(/<(?:[\w.-]+:)?author(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?author>|<(?:[\w.-]+:)?author(?:\s[^>]*)?\/>/g)].map((m) => unescapeXml(m[1] ?? ""));
    authorId = names.indexOf(FLAG_MARKER);
    if (authorId < 0) {
      authorId = names.length;
      const author = `<${p}author>${FLAG_MARKER}</${p}author>`;
      splices.push(authors.selfClosing ? { at: authors.start, remove: authors.end - authors.start, insert: `<${p}authors>${author}</${p}authors>` } : { at: inner.to, insert: author });
    }
  } else {
    authorId = 0;
    splices.push({ at: list ? list.start : scan.rootClose, insert: `<${p}authors><${p}author>${FLAG_MARKER}</${p}author></${p}authors>` });
  }
  const comments = notes.map((n) => commentXml(n, authorId, p)).join("");
  if (list && !list.selfClosing) splices.push({ at: innerOf(xml, list).to, insert: comments });
  else if (list) splices.push({ at: list.start, remove: list.end - list.start, insert: `<${p}commentList>${comments}</${p}commentList>` });
  else splices.push({ at: scan.rootClose, insert: `<${p}commentList>${comments}</${p}commentList>` });
  return applySplices(xml, splices);
}

/** Removes the checker's notes from a comments part; the cells they were on, and how many notes remain. */
export function removeOurComments(xml: string): { xml: string; removed: Set<string>; remaining: number } {
  const scan = scanElements(xml);
  const list = scan.children.find((c) => c.local === "commentList");
  const removed = new Set<string>();
  if (!list || list.selfClosing) return { xml, removed, remaining: 0 };
  const inner = innerOf(xml, list);
  const body = xml.slice(inner.from, inner.to);
  const splices: Splice[] = [];
  let remaining = 0;
  const authorsUsed = new Set<string>();
  for (const m of body.matchAll(/<((?:[\w.-]+:)?comment)\b[\s\S]*?<\/\1>/g)) {
    const text = [...m[0].matchAll(/<(?:[\w.-]+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:[\w.-]+:)?t>/g)].map((t) => unescapeXml(t[1])).join("");
    const ref = /\sref\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1];
    if (isOurNote(text) && ref) {
      const a = parseCellAddress(ref);
      removed.add(`${a.row}:${a.col}`);
      splices.push({ at: inner.from + m.index!, remove: m[0].length });
    } else {
      remaining++;
      authorsUsed.add(/\sauthorId\s*=\s*["'](\d+)["']/.exec(m[0])?.[1] ?? "");
    }
  }
  // Our author, when it is the last one and no note is left by it, goes too.
  const authors = scan.children.find((c) => c.local === "authors");
  if (removed.size > 0 && authors && !authors.selfClosing) {
    const list = [...xml.slice(authors.start, authors.end).matchAll(/<((?:[\w.-]+:)?author)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)];
    const last = list[list.length - 1];
    if (last && list.length > 1 && unescapeXml(last[2]) === FLAG_MARKER && !authorsUsed.has(String(list.length - 1))) {
      splices.push({ at: authors.start + last.index!, remove: last[0].length });
    }
  }
  return { xml: applySplices(xml, splices), removed, remaining };
}

// --- VML --------------------------------------------------------------------------------

const VML_NS = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"';
const NOTE_SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

/** The `o:idmap` blocks a VML drawing uses (shape ids `_x0000_s{1024·n + k}`). */
export function vmlIdmaps(vml: string): number[] {
  const m = /<o:idmap\b[^>]*\bdata\s*=\s*["']([^"']*)["']/.exec(vml);
  return m ? m[1].split(/[\s,]+/).filter(Boolean).map(Number).filter(Number.isInteger) : [];
}

/** Rows a note box spans for its text: about 45 characters a line in a four-column box. */
function boxRows(text: string): number {
  const lines = text.split("\n").reduce((n, l) => n + Math.max(1, Math.ceil(l.length / 45)), 0);
  return Math.min(40, Math.max(4, Math.ceil(lines * 0.8) + 1));
}

function noteShape(n: NoteToAdd, spid: number, z: number): string {
  const rows = boxRows(n.text);
  const top = Math.max(0, n.row - 2);
  // Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset (0-based).
  const anchor = `${n.col}, 15, ${top}, 10, ${n.col + 4}, 15, ${top + rows}, 4`;
  return (
    `<v:shape id="_x0000_s${spid}" type="#_x0000_t202" style="position:absolute;margin-left:60pt;margin-top:2pt;width:260pt;height:${rows * 15}pt;z-index:${z};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill>` +
    `<x:Row>${n.row - 1}</x:Row><x:Column>${n.col - 1}</x:Column></x:ClientData></v:shape>`
  );
}

/** A new VML drawing for a sheet's notes, in the given `o:idmap` block. */
export function newVml(idmap: number, notes: readonly NoteToAdd[]): string {
  const shapes = notes.map((n, i) => noteShape(n, idmap * 1024 + i + 1, i + 1)).join("");
  return `<xml ${VML_NS}><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idmap}"/></o:shapelayout>${NOTE_SHAPETYPE}${shapes}</xml>`;
}

/**
 * Adds note shapes to an existing drawing, as text: the note shapetype when it lacks one,
 * shape ids free in its idmap blocks (a further block, unused elsewhere, when they are full).
 */
export function addToVml(vml: string, notes: readonly NoteToAdd[], blockInUse: (n: number) => boolean): string {
  const used = new Set([...vml.matchAll(/_x0000_s(\d+)/g)].map((m) => Number(m[1])));
  const blocks = vmlIdmaps(vml);
  const ids: number[] = [];
  const splices: Splice[] = [];
  const free = (block: number): number[] => {
    const out: number[] = [];
    for (let k = 1; k < 1024; k++) if (!used.has(block * 1024 + k)) out.push(block * 1024 + k);
    return out;
  };
  for (const b of blocks) {
    for (const id of free(b)) if (ids.length < notes.length) ids.push(id);
  }
  if (ids.length < notes.length) {
    // The drawing's blocks are full: one more block, named in its idmap.
    let b = Math.max(0, ...blocks) + 1;
    while (blockInUse(b)) b++;
    for (const id of free(b)) if (ids.length < notes.length) ids.push(id);
    const idmap = /(<o:idmap\b[^>]*\bdata\s*=\s*["'])([^"']*)(["'])/.exec(vml);
    if (idmap) splices.push({ at: idmap.index! + idmap[1].length, remove: idmap[2].length, insert: `${idmap[2]},${b}` });
    else {
      // A drawing without a shape layout (LibreOffice writes none): ours names the block.
      const root = /<xml\b[^>]*>/.exec(vml);
      if (root) splices.push({ at: root.index + root[0].length, insert: `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${b}"/></o:shapelayout>` });
    }
  }
  const end = vml.lastIndexOf("</xml>");
  if (end < 0) throw new Error("VML drawing without its </xml> end");
  const z = [...vml.matchAll(/z-index:\s*(\d+)/g)].reduce((m, x) => Math.max(m, Number(x[1])), 0);
  const shapetype = /id\s*=\s*["']_x0000_t202["']/.test(vml) ? "" : NOTE_SHAPETYPE;
  splices.push({ at: end, insert: shapetype + notes.map((n, i) => noteShape(n, ids[i], z + i + 1)).join("") });
  return applySplices(vml, splices);
}

/** Removes the note shapes on the given cells (`row:col`); how many shapes remain. */
export function removeNoteShapes(vml: string, cells: ReadonlySet<string>): { vml: string; remainingShapes: number } {
  const splices: Splice[] = [];
  let remainingShapes = 0;
  for (const m of vml.matchAll(/<v:shape\b[\s\S]*?<\/v:shape>/g)) {
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(m[0]);
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(m[0]);
    const note = /ObjectType\s*=\s*["']Note["']/.test(m[0]);
    if (note && row && col && cells.has(`${Number(row[1]) + 1}:${Number(col[1]) + 1}`)) splices.push({ at: m.index!, remove: m[0].length });
    else remainingShapes++;
  }
  return { vml: applySplices(vml, splices), remainingShapes };
}
