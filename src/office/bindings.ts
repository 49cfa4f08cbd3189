/**
 * The bindings the add-in keeps inside the workbook, so they travel by email: recognised
 * tables, per-row overrides, ignored findings and the check settings.
 *
 * Store: ONE custom XML part in the namespace below (ExcelApi 1.5). Compared with the
 * alternatives (docs/ARCHITECTURE.md, "Bindings store"):
 * - `Office.context.document.settings` needs `saveAsync`, which disables undo (office-js
 *   #3141) and is one JSON blob per add-in with no namespace of its own in the file;
 * - worksheet custom properties (ExcelApi 1.12) split the data per sheet, lose it when a
 *   sheet is copied into another workbook, and cap each value's length;
 * - a custom XML part is namespaced, versioned and read in the same sync as the sheets,
 *   but writing one clears undo on some builds too (office-js #4484).
 * Every store disturbs undo, so the part is written only when its content changes (an
 * override, an ignore, a setting, a different set of tables) — never on a plain check.
 *
 * Reading never trusts the part: a damaged part or a newer version is reported and
 * ignored (a newer version is also never overwritten); each malformed or unknown entry is
 * reported and skipped, the rest is used. The part is read with an XML parser (the
 * runtime's DOMParser: the pane and the function file run in a browser), not with
 * patterns: Excel may hand it back re-serialized, with an XML declaration, a namespace
 * prefix, single quotes or `<a></a>` for `<a/>`, all of which read the same.
 */
import type { RowOverrides } from "../engine/measure/measure";
import { DEFAULT_SETTINGS, type CheckSettings } from "../settings/pane-host";
import { xmlSafe } from "../engine/flag-style";

export const BINDINGS_NAMESPACE = "urn:iki-checker:bindings";
export const BINDINGS_VERSION = 1;

export interface BoundTable {
  sheet: string;
  /** A1 ranges, e.g. `A5:K6` and `A7:K40`. */
  header: string;
  data: string;
  kind: string;
}

export interface BoundOverride {
  sheet: string;
  row: number;
  /** The indicator's name when the override was made: a moved row is not matched blindly. */
  name: string;
  overrides: RowOverrides;
}

export interface Bindings {
  tables: BoundTable[];
  overrides: BoundOverride[];
  /** `rule@sheet!cell` */
  ignored: string[];
  settings: CheckSettings;
}

/** Fresh empty bindings (new objects each time: callers change them). */
export function emptyBindings(): Bindings {
  return { tables: [], overrides: [], ignored: [], settings: { ...DEFAULT_SETTINGS, rules: {} } };
}

export interface BindingsProblem {
  kind: "damaged" | "newer-version" | "entry-ignored";
  detail: string;
}

const KINDS = ["percentage", "ratio", "count", "index", "grade", "timeliness", "average", "availability", "unknown"];
const POLARITIES = ["positive", "negative"];
const AGGREGATIONS = ["cumulative", "non-cumulative", "average"];
const NEGATIVE = ["inverse", "ratio"];
const BAND_SETS = ["permendagri86", "baik", "berhasil"];
const SEVERITIES = ["error", "warning", "info", "off"];
const RANGE = /^[A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7}$/;
const RULE_ID = /^[a-z0-9-]{1,60}$/;

function escapeXml(s: string): string {
  // Control characters cannot be carried even escaped: a name quoted from a cell may hold them.
  return xmlSafe(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

function element(name: string, attrs: Record<string, string | number | undefined>): string {
  const parts = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}="${escapeXml(String(v))}"`);
  return `<${name} ${parts.join(" ")}/>`;
}

export function serializeBindings(b: Bindings): string {
  const lines = [`<ikiChecker xmlns="${BINDINGS_NAMESPACE}" version="${BINDINGS_VERSION}">`];
  lines.push(`  <settings bandSet="${b.settings.bandSet}" negativeFormula="${b.settings.negativeFormula}"/>`);
  for (const [id, severity] of Object.entries(b.settings.rules).sort()) lines.push(`  ${element("rule", { id, severity })}`);
  for (const t of b.tables) lines.push(`  ${element("table", { sheet: t.sheet, header: t.header, data: t.data, kind: t.kind })}`);
  for (const o of b.overrides) {
    lines.push(
      `  ${element("override", {
        sheet: o.sheet,
        row: o.row,
        name: o.name,
        kind: o.overrides.kind,
        polarity: o.overrides.polarity,
        aggregation: o.overrides.aggregation,
        negativeFormula: o.overrides.negativeFormula,
      })}`,
    );
  }
  for (const key of [...b.ignored].sort()) lines.push(`  ${element("ignored", { key })}`);
  lines.push("</ikiChecker>");
  return lines.join("\n");
}

interface RawElement {
  name: string;
  attrs: Record<string, string>;
  /** A short rendering for reports: `<name a="1" …/>`. */
  text: string;
}

/** The browser's DOMParser (the pane and the function file run in one); tests install xmldom's. */
function parseXml(xml: string): Document | null {
  const Parser = (globalThis as { DOMParser?: typeof DOMParser }).DOMParser;
  if (!Parser) throw new Error("no DOMParser in this runtime: the bindings part cannot be read");
  let doc: Document;
  try {
    doc = new Parser().parseFromString(xml, "application/xml");
  } catch {
    return null; // xmldom throws on a fatal error; browsers return a <parsererror> document
  }
  if (!doc || !doc.documentElement || doc.getElementsByTagName("parsererror").length > 0) return null;
  return doc;
}

function render(el: Element): string {
  const attrs = Array.from(el.attributes ?? [])
    .map((a) => ` ${a.name}="${a.value}"`)
    .join("");
  const body = (el.textContent ?? "").trim();
  return body ? `<${el.tagName}${attrs}>${body}</${el.tagName}>` : `<${el.tagName}${attrs}/>`;
}

/** The root's children: elements of our namespace; anything else (text, foreign elements) is junk. */
function children(root: Element): { elements: RawElement[]; junk: string[] } {
  const elements: RawElement[] = [];
  const junk: string[] = [];
  for (const node of Array.from(root.childNodes)) {
    if (node.nodeType === 3 || node.nodeType === 4) {
      const t = (node.nodeValue ?? "").trim();
      if (t) junk.push(t.slice(0, 60));
    } else if (node.nodeType === 1) {
      const el = node as Element;
      if (el.namespaceURI !== BINDINGS_NAMESPACE) {
        junk.push(render(el).slice(0, 120));
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of Array.from(el.attributes)) if (!a.namespaceURI) attrs[a.localName ?? a.name] = a.value;
      elements.push({ name: el.localName ?? el.tagName, attrs, text: render(el) });
    }
    // Comments and processing instructions carry nothing of ours.
  }
  return { elements, junk };
}

function oneOf<T extends string>(value: string | undefined, allowed: readonly string[]): T | undefined {
  return value !== undefined && allowed.includes(value) ? (value as T) : undefined;
}

export function parseBindings(xml: string): { bindings: Bindings; problems: BindingsProblem[]; readOnly: boolean } {
  const problems: BindingsProblem[] = [];
  const doc = parseXml(xml);
  if (!doc) return { bindings: emptyBindings(), problems: [{ kind: "damaged", detail: "not well-formed XML" }], readOnly: false };
  const root = doc.documentElement;
  if ((root.localName ?? root.tagName) !== "ikiChecker") return { bindings: emptyBindings(), problems: [{ kind: "damaged", detail: "no <ikiChecker> root" }], readOnly: false };
  if (root.namespaceURI !== BINDINGS_NAMESPACE) {
    return { bindings: emptyBindings(), problems: [{ kind: "damaged", detail: `namespace ${root.namespaceURI ?? "(none)"}` }], readOnly: false };
  }
  const versionText = root.getAttribute("version");
  const version = Number(versionText);
  if (!versionText || !Number.isInteger(version) || version < 1) return { bindings: emptyBindings(), problems: [{ kind: "damaged", detail: `version ${versionText || "(none)"}` }], readOnly: false };
  if (version > BINDINGS_VERSION) return { bindings: emptyBindings(), problems: [{ kind: "newer-version", detail: `version ${version}` }], readOnly: true };

  const b = emptyBindings();
  const { elements, junk } = children(root);
  for (const j of junk) problems.push({ kind: "entry-ignored", detail: j });
  const reject = (e: RawElement): void => {
    problems.push({ kind: "entry-ignored", detail: e.text.slice(0, 120) });
  };
  for (const e of elements) {
    const a = e.attrs;
    switch (e.name) {
      case "settings": {
        const bandSet = oneOf<CheckSettings["bandSet"]>(a.bandSet, BAND_SETS);
        const negativeFormula = oneOf<CheckSettings["negativeFormula"]>(a.negativeFormula, NEGATIVE);
        if (!bandSet || !negativeFormula) reject(e);
        else b.settings = { ...b.settings, bandSet, negativeFormula };
        break;
      }
      case "rule": {
        const severity = oneOf<"error" | "warning" | "info" | "off">(a.severity, SEVERITIES);
        if (!a.id || !RULE_ID.test(a.id) || !severity) reject(e);
        else b.settings.rules[a.id] = severity;
        break;
      }
      case "table": {
        if (!a.sheet || !RANGE.test(a.header ?? "") || !RANGE.test(a.data ?? "") || !a.kind) reject(e);
        else b.tables.push({ sheet: a.sheet, header: a.header, data: a.data, kind: a.kind });
        break;
      }
      case "override": {
        const row = Number(a.row);
        const overrides: RowOverrides = {};
        const kind = oneOf<NonNullable<RowOverrides["kind"]>>(a.kind, KINDS);
        const polarity = oneOf<NonNullable<RowOverrides["polarity"]>>(a.polarity, POLARITIES);
        const aggregation = oneOf<NonNullable<RowOverrides["aggregation"]>>(a.aggregation, AGGREGATIONS);
        const negativeFormula = oneOf<NonNullable<RowOverrides["negativeFormula"]>>(a.negativeFormula, NEGATIVE);
        // Every attribute given must be valid: a half-understood override is not applied.
        const bad = (a.kind && !kind) || (a.polarity && !polarity) || (a.aggregation && !aggregation) || (a.negativeFormula && !negativeFormula);
        if (kind) overrides.kind = kind;
        if (polarity) overrides.polarity = polarity;
        if (aggregation) overrides.aggregation = aggregation;
        if (negativeFormula) overrides.negativeFormula = negativeFormula;
        if (!a.sheet || !Number.isInteger(row) || row < 1 || a.name === undefined || bad || Object.keys(overrides).length === 0) reject(e);
        else b.overrides.push({ sheet: a.sheet, row, name: a.name, overrides });
        break;
      }
      case "ignored": {
        if (!a.key || !/^[a-z0-9-]+@.+![A-Z]{1,3}[0-9]+$/.test(a.key)) reject(e);
        else b.ignored.push(a.key);
        break;
      }
      default:
        reject(e);
    }
  }
  return { bindings: b, problems, readOnly: false };
}

// --- The store in the workbook -------------------------------------------------------------

export interface StoredBindings {
  bindings: Bindings;
  problems: BindingsProblem[];
  /** The part's id, or null when the workbook has none yet. */
  partId: string | null;
  /** The exact XML read. */
  xml: string | null;
  /**
   * What the part says, written out again by serializeBindings (null for a damaged part):
   * new bindings are compared with this, not with the raw text, so a part Excel hands back
   * with other whitespace or an XML declaration is not rewritten on every check.
   */
  canonical: string | null;
  /** A part written by a newer version: never overwritten. */
  readOnly: boolean;
}

export interface QueuedBindings {
  read(): StoredBindings;
}

/** The ids of the parts in our namespace (normally one; two if two runtimes raced). */
export function queueBindingPartIds(context: Excel.RequestContext): { read(): string[] } {
  const parts = context.workbook.customXmlParts.getByNamespace(BINDINGS_NAMESPACE);
  parts.load("items/id");
  return { read: () => parts.items.map((p) => p.id) };
}

/** The XML of these parts; a part deleted meanwhile reads as absent. */
export function queueBindingXml(context: Excel.RequestContext, ids: readonly string[]): { read(): { id: string; xml: string }[] } {
  const parts = ids.map((id) => {
    const part = context.workbook.customXmlParts.getItemOrNullObject(id);
    return { id, part, xml: part.getXml() };
  });
  return {
    // read() runs after the caller's sync.
    read: () => parts.filter((p) => !p.part.isNullObject).map((p) => ({ id: p.id, xml: p.xml.value })),
  };
}

/**
 * The bindings from the parts found. Normally one part; two when the pane and the ribbon
 * command (separate runtimes) both created one: then the readable ones are merged (tables
 * and settings from the first, overrides and ignored findings from all), written back into
 * the first and the others removed, so nothing one runtime saved is lost. Damaged parts are
 * reported; a part from a newer version makes the bindings read-only.
 */
export function chooseBindings(parts: readonly { id: string; xml: string }[]): StoredBindings & { extra: string[] } {
  if (parts.length === 0) return { bindings: emptyBindings(), problems: [], partId: null, xml: null, canonical: null, readOnly: false, extra: [] };
  const parsed = parts.map((p) => ({ ...p, ...parseBindings(p.xml) }));
  const newer = parsed.find((p) => p.readOnly);
  if (newer) return { bindings: emptyBindings(), problems: newer.problems, partId: newer.id, xml: newer.xml, canonical: null, readOnly: true, extra: [] };
  const usable = parsed.filter((p) => !p.problems.some((x) => x.kind === "damaged"));
  const chosen = usable[0] ?? parsed[0];
  const problems = usable.length > 0 ? usable.flatMap((p) => p.problems) : parsed.flatMap((p) => p.problems);
  const bindings = usable.length > 0 ? { ...usable[0].bindings } : emptyBindings();
  for (const more of usable.slice(1)) {
    const key = (o: BoundOverride): string => `${o.sheet}!${o.row}`;
    const have = new Set(bindings.overrides.map(key));
    bindings.overrides = [...bindings.overrides, ...more.bindings.overrides.filter((o) => !have.has(key(o)))];
    bindings.ignored = [...new Set([...bindings.ignored, ...more.bindings.ignored])];
  }
  return {
    bindings,
    problems,
    partId: chosen.id,
    xml: chosen.xml,
    canonical: usable.length > 0 ? serializeBindings(usable[0].bindings) : null,
    readOnly: false,
    extra: parts.filter((p) => p.id !== chosen.id).map((p) => p.id),
  };
}

/**
 * Queues the write of new bindings when (and only when) they differ from what was read.
 * Returns null when nothing was queued, else a reader of the stored state after the sync.
 */
export function queueBindingsWrite(context: Excel.RequestContext, stored: StoredBindings, next: Bindings): QueuedBindings | null {
  if (stored.readOnly) return null;
  const xml = serializeBindings(next);
  if (xml === (stored.canonical ?? stored.xml)) return null;
  if (stored.partId === null && xml === serializeBindings(emptyBindings())) return null; // nothing worth a part
  if (stored.partId) {
    context.workbook.customXmlParts.getItem(stored.partId).setXml(xml);
    const partId = stored.partId;
    return { read: () => ({ bindings: next, problems: [], partId, xml, canonical: xml, readOnly: false }) };
  }
  const part = context.workbook.customXmlParts.add(xml);
  part.load("id");
  return { read: () => ({ bindings: next, problems: [], partId: part.id, xml, canonical: xml, readOnly: false }) };
}
