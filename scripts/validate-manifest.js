#!/usr/bin/env node
// Offline check of the add-in only (XML) manifest, then the online Office validator when
// the network allows.
//
//   node scripts/validate-manifest.js [manifest.xml] [--offline]
//
// Exit 0: offline check passed (the online one passed too, or could not be reached).
// Exit 1: the offline check found errors, or the online service was reached and rejected
//         the manifest.
//
// What the offline check covers (what Office would otherwise only tell you by silently not
// loading the add-in):
//   * well-formed XML; root <OfficeApp xsi:type="TaskPaneApp"> in the 1.1 namespace;
//   * child element order and required children, per the XSD sequences in
//     OfficeAppManifestV1_1.xsd / TaskPaneAppVersionOverridesV1_0.xsd /
//     OfficeAppBasicTypesV1_0.xsd (order matters: an out-of-order element makes the whole
//     manifest invalid);
//   * Id is a GUID (and not the yo office template's), Version n(.n){0,3}, locales, string
//     length limits, Permissions value;
//   * every resid refers to a resource of the right kind, every resource is used, ids are
//     unique and at most 32 characters;
//   * every URL is https (https://localhost is fine);
//   * icons under /assets/ exist in assets/ and are PNGs of the declared pixel size
//     (IconUrl 32, HighResolutionIconUrl 64, ribbon images the size they are used at);
//   * the ExcelApi MinVersion covers every Office.js API in src/office/requirements.ts that
//     is not guarded at run time;
//   * every ExecuteFunction FunctionName is registered with Office.actions.associate in the
//     function-file code (when its source is given).
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");
const { DOMParser } = require("@xmldom/xmldom");

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  dsig: "http://www.w3.org/2000/09/xmldsig#",
};

// Sequence specs: [namespace key, local name, min occurs, max occurs (Infinity = unbounded)].
// <OfficeApp xsi:type="TaskPaneApp"> is the OfficeApp base sequence (Id … Hosts) followed by
// the TaskPaneApp extension sequence (Requirements … Signature), OfficeAppManifestV1_1.xsd.
const SEQ = {
  OfficeApp: [
    ["app", "Id", 1, 1],
    ["app", "AlternateId", 0, 1],
    ["app", "Version", 1, 1],
    ["app", "ProviderName", 1, 1],
    ["app", "DefaultLocale", 1, 1],
    ["app", "DisplayName", 1, 1],
    ["app", "Description", 1, 1],
    ["app", "IconUrl", 0, 1],
    ["app", "HighResolutionIconUrl", 0, 1],
    ["app", "SupportUrl", 0, 1],
    ["app", "AppDomains", 0, 1],
    ["app", "Hosts", 0, 1],
    ["app", "Requirements", 0, 1],
    ["app", "DefaultSettings", 1, 1],
    ["app", "Permissions", 1, 1],
    ["app", "Dictionary", 0, 1],
    ["ov", "VersionOverrides", 0, 1],
    ["dsig", "Signature", 0, 1],
  ],
  Requirements: [
    ["app", "Sets", 0, 1],
    ["app", "Methods", 0, 1],
  ],
  DefaultSettings: [["app", "SourceLocation", 1, 1]],
  VersionOverrides: [
    ["ov", "Description", 0, 1],
    ["ov", "Requirements", 0, 1],
    ["ov", "Hosts", 0, 1],
    ["ov", "Resources", 0, 1],
    ["ov", "WebApplicationInfo", 0, 1],
    ["ov", "EquivalentAddins", 0, 1],
  ],
  Resources: [
    ["bt", "Images", 0, 1],
    ["bt", "Urls", 0, 1],
    ["bt", "ShortStrings", 0, 1],
    ["bt", "LongStrings", 0, 1],
  ],
  // <Host xsi:type="Workbook"> in VersionOverrides: <Runtimes> comes first (shared runtime).
  Host: [
    ["ov", "Runtimes", 0, 1],
    ["ov", "AllFormFactors", 0, 1],
    ["ov", "DesktopFormFactor", 0, 1],
  ],
  Runtimes: [["ov", "Runtime", 1, Infinity]],
  FormFactor: [
    ["ov", "GetStarted", 0, 1],
    ["ov", "FunctionFile", 0, 1],
    ["ov", "ExtensionPoint", 1, Infinity],
  ],
  GetStarted: [
    ["ov", "Title", 1, 1],
    ["ov", "Description", 1, 1],
    ["ov", "LearnMoreUrl", 1, 1],
  ],
  Group: [
    ["ov", "Label", 1, 1],
    ["ov", "Icon", 1, 1],
    ["ov", "Control", 1, Infinity],
  ],
  Button: [
    ["ov", "Label", 1, 1],
    ["ov", "Supertip", 1, 1],
    ["ov", "Icon", 1, 1],
    ["ov", "Action", 1, 1],
  ],
  Menu: [
    ["ov", "Label", 1, 1],
    ["ov", "Supertip", 1, 1],
    ["ov", "Icon", 1, 1],
    ["ov", "Items", 1, 1],
  ],
  Supertip: [
    ["ov", "Title", 1, 1],
    ["ov", "Description", 1, 1],
  ],
  ShowTaskpane: [
    ["ov", "TaskpaneId", 0, 1],
    ["ov", "SourceLocation", 1, 1],
    ["ov", "Title", 0, 1],
  ],
  ExecuteFunction: [["ov", "FunctionName", 1, 1]],
};

const OFFICEAPP_TASKPANE_ORDER = SEQ.OfficeApp.map((s) => s[1]);

const GUID_RE =
  /^(urn:uuid:)?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$|^\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}$/;
const TEMPLATE_GUIDS = new Set(["05c2e1c9-3e1d-406e-9a91-e9ac64854143"]);
const VERSION_RE = /^[0-9]{1,5}(\.[0-9]{1,5}){0,3}$/;
const SHORT_VERSION_RE = /^[0-9]{1,5}\.[0-9]{1,5}$/;
const CULTURE_RE =
  /^([a-zA-Z]{2,3}-[a-zA-Z0-9]{3,8}(-[a-zA-Z]{2,3})?|[a-zA-Z]{2,3}(-[a-zA-Z]{2,3}(_tradnl|\.pseudo|-[a-zA-Z]{4,8})?)?)$/;
const PERMISSIONS = ["Restricted", "ReadDocument", "ReadAllDocument", "WriteDocument", "ReadWriteDocument"];
const ICON_SIZES = [16, 20, 24, 32, 40, 48, 64, 80];
const REQUIRED_ICON_SIZES = [16, 32, 80];
const SHORT_MAX = 125;
const LONG_MAX = 250;
const REFERENCE_ID_MAX = 32;
const IMAGE_MAX_BYTES = 100 * 1024;

// Requirement sets whose support the manifest does not need to declare: "Core" is Office.js
// itself; AddinCommands is implied because hosts without it ignore <VersionOverrides>.
const IMPLICIT_SETS = new Set(["Core", "AddinCommands"]);

// Which resource collection a resid on a given element must point to.
const RESOURCE_KIND = {
  Image: "Image",
  Runtime: "Url",
  FunctionFile: "Url",
  SourceLocation: "Url",
  LearnMoreUrl: "Url",
  Label: "ShortString",
  Title: "ShortString",
  Description: "LongString",
  Tooltip: "LongString",
};
const KIND_LABEL = {
  Image: "<bt:Image> in <bt:Images>",
  Url: "<bt:Url> in <bt:Urls>",
  ShortString: "<bt:String> in <bt:ShortStrings>",
  LongString: "<bt:String> in <bt:LongStrings>",
};

// ---------------------------------------------------------------------------------------
// Small DOM helpers.

function childElements(el) {
  const out = [];
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 1) out.push(n);
  return out;
}

function child(el, ns, name) {
  return childElements(el).find((c) => c.localName === name && c.namespaceURI === ns) || null;
}

function children(el, ns, name) {
  return childElements(el).filter((c) => c.localName === name && c.namespaceURI === ns);
}

function descendants(el, ns, name) {
  return Array.from(el.getElementsByTagNameNS(ns, name));
}

function xsiType(el) {
  const t = el.getAttributeNS(NS.xsi, "type") || "";
  return t.includes(":") ? t.slice(t.indexOf(":") + 1) : t;
}

function at(node) {
  return node && node.lineNumber ? ` (line ${node.lineNumber})` : "";
}

function tag(el) {
  return `<${el.prefix ? el.prefix + ":" : ""}${el.localName}>`;
}

function text(el) {
  return (el && el.textContent ? el.textContent : "").trim();
}

function nsKeyOf(uri) {
  return Object.keys(NS).find((k) => NS[k] === uri);
}

// ---------------------------------------------------------------------------------------
// Versions and PNG files.

/** Compares "1.13" with "1.9" numerically: >0 when a is newer. */
function compareVersions(a, b) {
  const pa = String(a).split(".").map(Number);
  const pb = String(b).split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk, or null when the bytes are not a PNG. */
function readPngSize(buf) {
  if (buf.length < 24 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) return null;
  if (buf.toString("ascii", 12, 16) !== "IHDR") return null;
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// ---------------------------------------------------------------------------------------
// The check.

/**
 * @param {string} xmlText the manifest
 * @param {{ assetsDir?: string, codeRequirements?: ReadonlyArray<{api: string, set: string,
 *   version: string, guardedAtRuntime: boolean, purpose?: string}>, commandSources?: string[] }} [options]
 * @returns {{ errors: string[], warnings: string[] }}
 */
function checkManifest(xmlText, options = {}) {
  const errors = [];
  const warnings = [];
  const { assetsDir, codeRequirements, commandSources } = options;

  // --- Well-formedness ------------------------------------------------------------------
  const parseProblems = [];
  let doc = null;
  try {
    doc = new DOMParser({
      onError: (level, msg, handler) => {
        const loc = handler && handler.locator;
        const where = loc && loc.lineNumber ? ` (line ${loc.lineNumber}, column ${loc.columnNumber})` : "";
        parseProblems.push(`${String(msg).split("\n")[0]}${where}`);
      },
    }).parseFromString(String(xmlText), "text/xml");
  } catch (err) {
    if (parseProblems.length === 0) parseProblems.push(String(err && err.message ? err.message : err).split("\n")[0]);
  }
  // xmldom tolerates a bare "&"; XML does not (except inside comments and CDATA, blanked
  // out here with their line breaks kept so the line number stays right).
  const markup = String(xmlText).replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, " "));
  const bareAmp = /&(?!(?:[A-Za-z_][\w.-]*|#[0-9]+|#x[0-9a-fA-F]+);)/.exec(markup);
  if (bareAmp) {
    const line = markup.slice(0, bareAmp.index).split("\n").length;
    parseProblems.push(`"&" not followed by an entity or character reference (line ${line})`);
  }
  if (parseProblems.length > 0 || !doc || !doc.documentElement) {
    for (const p of parseProblems) errors.push(`XML is not well-formed: ${p}`);
    if (parseProblems.length === 0) errors.push("XML is not well-formed: no root element");
    return { errors, warnings };
  }

  const root = doc.documentElement;
  if (root.localName !== "OfficeApp" || root.namespaceURI !== NS.app) {
    errors.push(`root element must be <OfficeApp> in namespace ${NS.app}, found ${tag(root)} in ${root.namespaceURI || "no namespace"}`);
    return { errors, warnings };
  }
  if (xsiType(root) !== "TaskPaneApp") {
    errors.push(`<OfficeApp> must have xsi:type="TaskPaneApp", found "${xsiType(root) || "(none)"}"`);
  }

  // --- Element order -----------------------------------------------------------------------
  checkSequence(root, "OfficeApp", SEQ.OfficeApp, errors);

  const requirements = child(root, NS.app, "Requirements");
  if (requirements) checkSequence(requirements, "Requirements", SEQ.Requirements, errors);
  const defaultSettings = child(root, NS.app, "DefaultSettings");
  if (defaultSettings) checkSequence(defaultSettings, "DefaultSettings", SEQ.DefaultSettings, errors);

  const vo = child(root, NS.ov, "VersionOverrides");
  if (vo) {
    if (xsiType(vo) !== "VersionOverridesV1_0") {
      errors.push(`<VersionOverrides>${at(vo)} must have xsi:type="VersionOverridesV1_0" for a task pane add-in, found "${xsiType(vo)}"`);
    }
    checkSequence(vo, "VersionOverrides", SEQ.VersionOverrides, errors);
    const resources = child(vo, NS.ov, "Resources");
    if (resources) checkSequence(resources, "Resources", SEQ.Resources, errors);
    const voHosts = child(vo, NS.ov, "Hosts");
    for (const h of voHosts ? children(voHosts, NS.ov, "Host") : []) checkSequence(h, `Host xsi:type="${xsiType(h)}"`, SEQ.Host, errors);
    for (const r of descendants(vo, NS.ov, "Runtimes")) checkSequence(r, "Runtimes", SEQ.Runtimes, errors);
    for (const ff of [...descendants(vo, NS.ov, "DesktopFormFactor")]) checkSequence(ff, "DesktopFormFactor", SEQ.FormFactor, errors);
    for (const gs of descendants(vo, NS.ov, "GetStarted")) checkSequence(gs, "GetStarted", SEQ.GetStarted, errors);
    for (const g of descendants(vo, NS.ov, "Group")) checkSequence(g, `Group id="${g.getAttribute("id")}"`, SEQ.Group, errors);
    for (const c of descendants(vo, NS.ov, "Control")) {
      const type = xsiType(c);
      const spec = SEQ[type];
      if (spec) checkSequence(c, `Control id="${c.getAttribute("id")}"`, spec, errors);
      else errors.push(`<Control id="${c.getAttribute("id")}">${at(c)} has unsupported xsi:type "${type}" (Button or Menu)`);
    }
    for (const s of descendants(vo, NS.ov, "Supertip")) checkSequence(s, "Supertip", SEQ.Supertip, errors);
    for (const a of descendants(vo, NS.ov, "Action")) {
      const type = xsiType(a);
      const spec = SEQ[type];
      if (spec) checkSequence(a, `Action xsi:type="${type}"`, spec, errors);
      else errors.push(`<Action>${at(a)} has unsupported xsi:type "${type}" (ShowTaskpane or ExecuteFunction)`);
    }
  }

  // --- Identity, strings, locales -------------------------------------------------------
  const id = child(root, NS.app, "Id");
  if (id) {
    const v = text(id);
    if (!GUID_RE.test(v)) errors.push(`<Id>${at(id)} "${v}" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)`);
    else if (TEMPLATE_GUIDS.has(v.toLowerCase().replace(/^urn:uuid:|[{}]/g, ""))) {
      errors.push(`<Id>${at(id)} "${v}" is the yo office template's GUID: generate a fresh one`);
    }
  }
  const version = child(root, NS.app, "Version");
  if (version && !VERSION_RE.test(text(version))) {
    errors.push(`<Version>${at(version)} "${text(version)}" must be n.n.n.n (one to four numbers of up to 5 digits)`);
  }
  const provider = child(root, NS.app, "ProviderName");
  if (provider) checkLength(text(provider), SHORT_MAX, `<ProviderName>${at(provider)}`, errors);
  const defaultLocale = child(root, NS.app, "DefaultLocale");
  if (defaultLocale && !CULTURE_RE.test(text(defaultLocale))) {
    errors.push(`<DefaultLocale>${at(defaultLocale)} "${text(defaultLocale)}" is not a culture name such as id-ID`);
  }
  for (const [name, max] of [
    ["DisplayName", SHORT_MAX],
    ["Description", LONG_MAX],
  ]) {
    const el = child(root, NS.app, name);
    if (!el) continue;
    checkLength(el.getAttribute("DefaultValue") || "", max, `<${name} DefaultValue>${at(el)}`, errors);
    for (const o of children(el, NS.app, "Override")) {
      checkLength(o.getAttribute("Value") || "", max, `<${name}><Override Locale="${o.getAttribute("Locale")}">${at(o)}`, errors);
    }
  }
  for (const o of [...descendants(root, NS.app, "Override"), ...descendants(root, NS.bt, "Override")]) {
    const loc = o.getAttribute("Locale") || "";
    if (!CULTURE_RE.test(loc)) errors.push(`${tag(o)}${at(o)} Locale "${loc}" is not a culture name such as en-US`);
  }
  const permissions = child(root, NS.app, "Permissions");
  if (permissions && !PERMISSIONS.includes(text(permissions))) {
    errors.push(`<Permissions>${at(permissions)} "${text(permissions)}" must be one of ${PERMISSIONS.join(", ")}`);
  }
  const hosts = child(root, NS.app, "Hosts");
  const hostNames = hosts ? children(hosts, NS.app, "Host").map((h) => h.getAttribute("Name")) : [];
  if (hosts && !hostNames.includes("Workbook")) warnings.push(`<Hosts>${at(hosts)} does not include Workbook (Excel)`);

  // --- Resources and resid references ----------------------------------------------------
  const defined = new Map(); // id -> { kind, el }
  if (vo) {
    const resources = child(vo, NS.ov, "Resources");
    const collections = [
      ["Images", "Image", "Image", null],
      ["Urls", "Url", "Url", null],
      ["ShortStrings", "String", "ShortString", SHORT_MAX],
      ["LongStrings", "String", "LongString", LONG_MAX],
    ];
    for (const [collection, item, kind, max] of resources ? collections : []) {
      for (const coll of children(resources, NS.bt, collection)) {
        for (const el of children(coll, NS.bt, item)) {
          const rid = el.getAttribute("id") || "";
          if (!rid) {
            errors.push(`${KIND_LABEL[kind]}${at(el)} has no id`);
            continue;
          }
          if (rid.length > REFERENCE_ID_MAX) errors.push(`resource id "${rid}"${at(el)} is longer than ${REFERENCE_ID_MAX} characters`);
          if (defined.has(rid)) {
            const prev = defined.get(rid);
            (prev.kind === kind ? errors : warnings).push(
              `resource id "${rid}"${at(el)} is defined more than once (also ${KIND_LABEL[prev.kind]}${at(prev.el)})`,
            );
            continue;
          }
          defined.set(rid, { kind, el });
          if (max) {
            checkLength(el.getAttribute("DefaultValue") || "", max, `resource "${rid}" DefaultValue${at(el)}`, errors);
            for (const o of children(el, NS.bt, "Override")) {
              checkLength(o.getAttribute("Value") || "", max, `resource "${rid}" Override ${o.getAttribute("Locale")}${at(o)}`, errors);
            }
          }
        }
      }
    }
  }

  const used = new Set();
  const referencing = Array.from(root.getElementsByTagName("*")).filter((el) => el.hasAttribute("resid"));
  for (const el of referencing) {
    const rid = el.getAttribute("resid");
    used.add(rid);
    if (rid.length > REFERENCE_ID_MAX) errors.push(`resid "${rid}" on ${tag(el)}${at(el)} is longer than ${REFERENCE_ID_MAX} characters`);
    const def = defined.get(rid);
    if (!def) {
      errors.push(`resid "${rid}" on ${tag(el)}${at(el)} is not defined in <Resources>`);
      continue;
    }
    const want = RESOURCE_KIND[el.localName];
    if (want && want !== def.kind) {
      errors.push(`resid "${rid}" on ${tag(el)}${at(el)} refers to a ${KIND_LABEL[def.kind]}, but ${tag(el)} needs a ${KIND_LABEL[want]}`);
    }
  }
  for (const [rid, def] of defined) {
    if (!used.has(rid)) errors.push(`resource "${rid}" (${KIND_LABEL[def.kind]}${at(def.el)}) is defined but never used`);
  }

  // Unique ids of groups and controls within the form factor.
  if (vo) {
    const seen = new Map();
    for (const el of [...descendants(vo, NS.ov, "Group"), ...descendants(vo, NS.ov, "Control"), ...descendants(vo, NS.ov, "Item")]) {
      const cid = el.getAttribute("id");
      if (!cid) continue;
      if (seen.has(cid)) errors.push(`id "${cid}" on ${tag(el)}${at(el)} is also used on ${tag(seen.get(cid))}${at(seen.get(cid))}`);
      else seen.set(cid, el);
    }
  }

  // --- URLs -------------------------------------------------------------------------------
  const urls = []; // { where, value, el }
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    const el = child(root, NS.app, name);
    if (!el) continue;
    urls.push({ where: `<${name}>`, value: el.getAttribute("DefaultValue"), el });
    for (const o of children(el, NS.app, "Override")) urls.push({ where: `<${name}><Override Locale="${o.getAttribute("Locale")}">`, value: o.getAttribute("Value"), el: o });
  }
  if (defaultSettings) {
    for (const sl of children(defaultSettings, NS.app, "SourceLocation")) {
      urls.push({ where: "<DefaultSettings><SourceLocation>", value: sl.getAttribute("DefaultValue"), el: sl });
      for (const o of children(sl, NS.app, "Override")) urls.push({ where: "<SourceLocation><Override>", value: o.getAttribute("Value"), el: o });
    }
  }
  const appDomains = child(root, NS.app, "AppDomains");
  for (const d of appDomains ? children(appDomains, NS.app, "AppDomain") : []) urls.push({ where: "<AppDomain>", value: text(d), el: d });
  if (vo) {
    const resources = child(vo, NS.ov, "Resources");
    for (const kind of [
      ["Images", "Image"],
      ["Urls", "Url"],
    ]) {
      for (const coll of resources ? children(resources, NS.bt, kind[0]) : []) {
        for (const el of children(coll, NS.bt, kind[1])) {
          urls.push({ where: `<bt:${kind[1]} id="${el.getAttribute("id")}">`, value: el.getAttribute("DefaultValue"), el });
          for (const o of children(el, NS.bt, "Override")) {
            urls.push({ where: `<bt:${kind[1]} id="${el.getAttribute("id")}"><bt:Override Locale="${o.getAttribute("Locale")}">`, value: o.getAttribute("Value"), el: o });
          }
        }
      }
    }
  }
  const parsedUrls = new Map(); // value -> URL
  for (const u of urls) {
    const value = (u.value || "").trim();
    if (!value) {
      errors.push(`${u.where}${at(u.el)} has an empty URL`);
      continue;
    }
    let parsed;
    try {
      parsed = new URL(value);
    } catch {
      errors.push(`${u.where}${at(u.el)} "${value}" is not an absolute URL`);
      continue;
    }
    if (parsed.protocol !== "https:") {
      errors.push(`${u.where}${at(u.el)} URL "${value}" must use https (Office loads add-in content over https only)`);
      continue;
    }
    parsedUrls.set(value, parsed);
  }

  // --- Icons: sizes used, files in assets/ -------------------------------------------------
  const iconUses = []; // { url, size, where, el }
  for (const [name, size] of [
    ["IconUrl", 32],
    ["HighResolutionIconUrl", 64],
  ]) {
    const el = child(root, NS.app, name);
    if (el) iconUses.push({ url: el.getAttribute("DefaultValue") || "", size, where: `<${name}>`, el });
  }
  if (vo) {
    const sizeOfImage = new Map(); // resid -> size
    for (const icon of descendants(vo, NS.ov, "Icon")) {
      const images = children(icon, NS.bt, "Image");
      if (images.length === 0 && childElements(icon).length > 0) {
        errors.push(`<Icon>${at(icon)} children must be <bt:Image> in namespace ${NS.bt}`);
      }
      const sizes = images.map((i) => Number(i.getAttribute("size")));
      for (const req of REQUIRED_ICON_SIZES) {
        if (!sizes.includes(req)) errors.push(`<Icon>${at(icon)} has no image of size ${req} (16, 32 and 80 are required)`);
      }
      for (const img of images) {
        const size = Number(img.getAttribute("size"));
        const rid = img.getAttribute("resid");
        if (!ICON_SIZES.includes(size)) {
          errors.push(`<bt:Image resid="${rid}">${at(img)} size "${img.getAttribute("size")}" is not one of ${ICON_SIZES.join(", ")}`);
          continue;
        }
        if (sizeOfImage.has(rid) && sizeOfImage.get(rid) !== size) {
          errors.push(`image resource "${rid}" is used at size ${size}${at(img)} and at size ${sizeOfImage.get(rid)}: one file cannot be both`);
          continue;
        }
        sizeOfImage.set(rid, size);
      }
    }
    for (const [rid, size] of sizeOfImage) {
      const def = defined.get(rid);
      if (def && def.kind === "Image") {
        iconUses.push({ url: def.el.getAttribute("DefaultValue") || "", size, where: `<bt:Image id="${rid}">`, el: def.el });
        for (const o of children(def.el, NS.bt, "Override")) {
          iconUses.push({ url: o.getAttribute("Value") || "", size, where: `<bt:Image id="${rid}"><bt:Override>`, el: o });
        }
      }
    }
  }
  const checkedFiles = new Map(); // file -> size already verified
  for (const use of iconUses) {
    const parsed = parsedUrls.get(use.url.trim());
    if (!parsed) continue; // already reported as a bad URL
    if (!parsed.pathname.startsWith("/assets/")) {
      warnings.push(`${use.where}${at(use.el)} icon "${use.url}" is not under /assets/: its size was not checked`);
      continue;
    }
    if (!assetsDir) continue;
    const rel = decodeURIComponent(parsed.pathname.slice("/assets/".length));
    const file = path.resolve(assetsDir, rel);
    if (!file.startsWith(path.resolve(assetsDir) + path.sep)) {
      errors.push(`${use.where}${at(use.el)} icon path "${parsed.pathname}" leaves assets/`);
      continue;
    }
    const shown = `assets/${rel}`;
    if (checkedFiles.has(file)) {
      if (checkedFiles.get(file) !== use.size) {
        errors.push(`${shown} is used at ${use.size}x${use.size} by ${use.where}${at(use.el)} and at ${checkedFiles.get(file)}x${checkedFiles.get(file)} elsewhere`);
      }
      continue;
    }
    checkedFiles.set(file, use.size);
    if (!fs.existsSync(file)) {
      errors.push(`icon file ${shown} (from ${use.where}${at(use.el)}) does not exist`);
      continue;
    }
    const bytes = fs.readFileSync(file);
    const dim = readPngSize(bytes);
    if (!dim) {
      errors.push(`icon file ${shown} (from ${use.where}${at(use.el)}) is not a PNG`);
      continue;
    }
    if (dim.width !== use.size || dim.height !== use.size) {
      errors.push(`icon file ${shown} is ${dim.width}x${dim.height} px but ${use.where}${at(use.el)} declares ${use.size}x${use.size}`);
    }
    if (bytes.length > IMAGE_MAX_BYTES) warnings.push(`icon file ${shown} is ${bytes.length} bytes; Office asks for at most 100 KB`);
  }

  // --- Function commands ------------------------------------------------------------------
  if (vo) {
    for (const ff of descendants(vo, NS.ov, "DesktopFormFactor")) {
      const hasFunctionFile = !!child(ff, NS.ov, "FunctionFile");
      for (const action of descendants(ff, NS.ov, "Action")) {
        if (xsiType(action) !== "ExecuteFunction") continue;
        const fnEl = child(action, NS.ov, "FunctionName");
        const fn = text(fnEl);
        if (!hasFunctionFile) errors.push(`ExecuteFunction "${fn}"${at(action)} needs a <FunctionFile> in its <DesktopFormFactor>`);
        if (fnEl && !fn) errors.push(`<FunctionName>${at(fnEl)} is empty`);
        if (fn && commandSources) {
          const re = new RegExp(`actions\\s*\\.\\s*associate\\s*\\(\\s*["'\`]${fn.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["'\`]`);
          if (!commandSources.some((src) => re.test(src))) {
            errors.push(`ExecuteFunction "${fn}"${at(fnEl)} is not registered: no Office.actions.associate("${fn}", …) in the function-file code`);
          }
        }
      }
    }
  }

  // --- Requirement sets vs. the APIs the code uses --------------------------------------------
  const declaredSets = new Map(); // name -> min version
  const sets = requirements ? child(requirements, NS.app, "Sets") : null;
  if (sets) {
    const def = sets.getAttribute("DefaultMinVersion") || "1.1";
    if (!SHORT_VERSION_RE.test(def)) errors.push(`<Sets DefaultMinVersion="${def}">${at(sets)} must be major.minor`);
    for (const s of children(sets, NS.app, "Set")) {
      const name = s.getAttribute("Name") || "";
      const min = s.getAttribute("MinVersion") || def;
      if (!SHORT_VERSION_RE.test(min)) errors.push(`<Set Name="${name}" MinVersion="${min}">${at(s)} must be major.minor`);
      declaredSets.set(name, min);
    }
  }
  checkSharedRuntime(root, vo, declaredSets, defined, errors, warnings);
  if (!codeRequirements) {
    warnings.push("no code requirements given: the MinVersion / Office.js API consistency check was skipped");
  } else {
    const maxUnguarded = new Map(); // set -> { version, api }
    for (const [i, r] of codeRequirements.entries()) {
      if (!r || typeof r.api !== "string" || !r.api || typeof r.set !== "string" || typeof r.version !== "string" || !SHORT_VERSION_RE.test(r.version)) {
        errors.push(`code requirement #${i + 1} ${JSON.stringify(r)} must have api, set and a major.minor version`);
        continue;
      }
      const min = declaredSets.get(r.set);
      if (!r.guardedAtRuntime) {
        const prev = maxUnguarded.get(r.set);
        if (!prev || compareVersions(r.version, prev.version) > 0) maxUnguarded.set(r.set, { version: r.version, api: r.api });
        if (min !== undefined) {
          if (compareVersions(r.version, min) > 0) {
            errors.push(
              `"${r.api}" needs ${r.set} ${r.version} and is not guarded at run time, but the manifest requires only ${r.set} ${min}: ` +
                `raise <Set Name="${r.set}" MinVersion> to ${r.version} or guard the call with isSetSupported("${r.set}", "${r.version}")`,
            );
          }
        } else if (!IMPLICIT_SETS.has(r.set)) {
          errors.push(
            `"${r.api}" needs ${r.set} ${r.version} and is not guarded at run time, but the manifest's <Requirements> do not declare ${r.set}`,
          );
        }
      } else if (min !== undefined && compareVersions(r.version, min) <= 0) {
        warnings.push(`"${r.api}" is marked guardedAtRuntime but ${r.set} ${r.version} is already guaranteed by the manifest (${min}): the guard is redundant`);
      }
    }
    for (const [set, min] of declaredSets) {
      const need = maxUnguarded.get(set);
      if (!need) {
        warnings.push(`the manifest requires ${set} ${min} but no unguarded API in the code requirements needs ${set}`);
      } else if (compareVersions(min, need.version) > 0) {
        warnings.push(
          `the manifest requires ${set} ${min} but the newest unguarded API needs only ${need.version} ("${need.api}"): older hosts are excluded for nothing`,
        );
      }
    }
  }

  return { errors, warnings };
}

/**
 * The shared runtime (learn.microsoft.com, "Configure your Office Add-in to use a shared
 * runtime"; the <Runtime> manifest reference): one <Runtime resid=… lifetime="long"/> in
 * <Runtimes>, first child of the VersionOverrides <Host>; the <FunctionFile> and every
 * ShowTaskpane <SourceLocation> use the same resid ("the shared runtime won't load if the
 * resid uses different values"); each ShowTaskpane has a <TaskpaneId> (a shared runtime
 * has one task pane, and a pane without an id is another pane); SharedRuntime 1.1 is in
 * the manifest's <Requirements>. Without <Runtimes>, a declared SharedRuntime is an error.
 */
function checkSharedRuntime(root, vo, declaredSets, defined, errors, warnings) {
  const runtimes = vo ? descendants(vo, NS.ov, "Runtime") : [];
  const declared = declaredSets.get("SharedRuntime");
  if (runtimes.length === 0) {
    if (declared !== undefined) errors.push(`the manifest requires SharedRuntime ${declared} but declares no <Runtimes><Runtime> in <VersionOverrides>`);
    return;
  }
  if (runtimes.length > 1) errors.push(`${runtimes.length} <Runtime> elements: a task pane add-in has one shared runtime`);
  const rt = runtimes[0];
  const rid = rt.getAttribute("resid") || "";
  if (!rid) errors.push(`<Runtime>${at(rt)} has no resid`);
  const lifetime = rt.getAttribute("lifetime") || "short";
  if (lifetime !== "long") errors.push(`<Runtime resid="${rid}">${at(rt)} has lifetime="${lifetime}": Excel's shared runtime needs lifetime="long"`);
  if (declared === undefined) errors.push(`<Runtimes>${at(rt)} needs <Set Name="SharedRuntime" MinVersion="1.1"/> in the manifest's <Requirements>`);
  else if (compareVersions(declared, "1.1") < 0) errors.push(`<Set Name="SharedRuntime" MinVersion="${declared}"> must be 1.1 or later`);
  for (const ff of descendants(vo, NS.ov, "FunctionFile")) {
    const f = ff.getAttribute("resid") || "";
    if (f !== rid) errors.push(`<FunctionFile resid="${f}">${at(ff)} must use the shared runtime's resid "${rid}", or the ribbon's commands run in a runtime of their own`);
  }
  for (const action of descendants(vo, NS.ov, "Action")) {
    if (xsiType(action) !== "ShowTaskpane") continue;
    const src = child(action, NS.ov, "SourceLocation");
    const s = src ? src.getAttribute("resid") || "" : "";
    if (src && s !== rid) errors.push(`ShowTaskpane <SourceLocation resid="${s}">${at(src)} must use the shared runtime's resid "${rid}"`);
    if (!text(child(action, NS.ov, "TaskpaneId"))) errors.push(`ShowTaskpane${at(action)} needs a <TaskpaneId>: a shared runtime has one task pane`);
  }
  const url = defined.get(rid);
  const defaultSource = child(child(root, NS.app, "DefaultSettings") || root, NS.app, "SourceLocation");
  if (url && defaultSource && (url.el.getAttribute("DefaultValue") || "") !== (defaultSource.getAttribute("DefaultValue") || "")) {
    warnings.push(`<DefaultSettings><SourceLocation>${at(defaultSource)} is not the shared runtime's page (${url.el.getAttribute("DefaultValue")})`);
  }
}

function checkLength(value, max, where, errors) {
  if (value.length === 0) errors.push(`${where} is empty`);
  else if (value.length > max) errors.push(`${where} is ${value.length} characters; the schema allows ${max}`);
}

/**
 * Checks the element children of `el` against an XSD sequence: unknown elements, wrong
 * namespace, order, and occurrence counts.
 */
function checkSequence(el, label, spec, errors) {
  const order = spec.map((s) => s[1]);
  const counts = new Array(spec.length).fill(0);
  let maxIdx = -1;
  let maxEl = null;
  for (const c of childElements(el)) {
    const idx = order.indexOf(c.localName);
    if (idx === -1) {
      errors.push(`${label}: unexpected element ${tag(c)}${at(c)}; allowed children, in this order: ${order.join(", ")}`);
      continue;
    }
    const [nsKey, name, , max] = spec[idx];
    if (c.namespaceURI !== NS[nsKey]) {
      errors.push(`${label}: ${tag(c)}${at(c)} must be in namespace ${NS[nsKey]} (${nsKey === "bt" ? "bt:" + name : name}), found ${nsKeyOf(c.namespaceURI) ? NS[nsKeyOf(c.namespaceURI)] : c.namespaceURI || "no namespace"}`);
    }
    counts[idx]++;
    if (counts[idx] > max) errors.push(`${label}: <${name}>${at(c)} appears more than ${max === 1 ? "once" : max + " times"}`);
    if (idx < maxIdx) {
      errors.push(`${label}: <${name}>${at(c)} is out of order: it must come before <${maxEl.localName}>${at(maxEl)} (schema order: ${order.join(", ")})`);
    } else {
      maxIdx = idx;
      maxEl = c;
    }
  }
  spec.forEach(([, name, min], i) => {
    if (counts[i] < min) errors.push(`${label}${at(el)}: required element <${name}> is missing`);
  });
}

// ---------------------------------------------------------------------------------------
// Loading the code requirements from src/office/requirements.ts without a build.

function loadCodeRequirements(tsFile) {
  const ts = require("typescript");
  const source = fs.readFileSync(tsFile, "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 },
    fileName: tsFile,
  });
  const mod = { exports: {} };
  vm.runInNewContext(
    outputText,
    {
      module: mod,
      exports: mod.exports,
      require: (name) => {
        throw new Error(`${path.basename(tsFile)} must not import anything (it imports "${name}")`);
      },
    },
    { filename: tsFile },
  );
  const list = mod.exports.OFFICE_APIS_USED;
  if (!Array.isArray(list)) throw new Error(`${tsFile} does not export OFFICE_APIS_USED`);
  return list;
}

// ---------------------------------------------------------------------------------------
// Online validation (office-addin-manifest → Microsoft's validation service).

const VALIDATION_HOST = "validationgateway.omex.office.net";

function probeHttps(host, timeoutMs) {
  const tls = require("tls");
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port: 443, servername: host, timeout: timeoutMs }, () => {
      socket.end();
      resolve();
    });
    socket.on("timeout", () => {
      socket.destroy();
      reject(new Error(`no answer from ${host}:443 within ${timeoutMs / 1000} s`));
    });
    socket.on("error", (err) => {
      reject(new Error(`cannot reach ${host}:443 (${err.code || err.message})`));
    });
  });
}

/** @returns {Promise<{ status: "passed" | "failed" | "skipped", reason?: string }>} */
async function validateOnline(manifestPath, { probeTimeoutMs = 5000, timeoutMs = 60000 } = {}) {
  try {
    await probeHttps(VALIDATION_HOST, probeTimeoutMs);
  } catch (err) {
    return { status: "skipped", reason: err.message };
  }
  const { spawn } = require("child_process");
  let cli;
  try {
    cli = require.resolve("office-addin-manifest/cli.js");
  } catch {
    return { status: "skipped", reason: "office-addin-manifest is not installed" };
  }
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [cli, "validate", manifestPath], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    proc.stdout.on("data", (d) => {
      out += d;
      process.stdout.write(d);
    });
    proc.stderr.on("data", (d) => {
      out += d;
      process.stderr.write(d);
    });
    const timer = setTimeout(() => {
      proc.kill();
      resolve({ status: "skipped", reason: `office-addin-manifest validate did not finish within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    proc.on("close", (code) => {
      clearTimeout(timer);
      if (/Unable to contact the manifest validation service|Unable to validate the manifest/i.test(out)) {
        resolve({ status: "skipped", reason: "the validation service did not answer (see above)" });
      } else {
        resolve(code === 0 ? { status: "passed" } : { status: "failed", reason: `office-addin-manifest validate exited with ${code}` });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------

async function main(argv) {
  const rootDir = path.resolve(__dirname, "..");
  const offlineOnly = argv.includes("--offline");
  const file = argv.find((a) => !a.startsWith("--")) || "manifest.xml";
  const manifestPath = path.resolve(process.cwd(), file);
  const rel = path.relative(process.cwd(), manifestPath) || manifestPath;

  let xml;
  try {
    xml = fs.readFileSync(manifestPath, "utf8");
  } catch (err) {
    console.error(`cannot read ${rel}: ${err.message}`);
    return 2;
  }
  const requirementsFile = path.join(rootDir, "src", "office", "requirements.ts");
  const commandsFile = path.join(rootDir, "src", "commands", "commands.ts");
  let codeRequirements;
  try {
    codeRequirements = loadCodeRequirements(requirementsFile);
  } catch (err) {
    console.error(`cannot load ${path.relative(rootDir, requirementsFile)}: ${err.message}`);
    return 2;
  }
  const commandSources = fs.existsSync(commandsFile) ? [fs.readFileSync(commandsFile, "utf8")] : undefined;

  const { errors, warnings } = checkManifest(xml, {
    assetsDir: path.join(rootDir, "assets"),
    codeRequirements,
    commandSources,
  });
  console.log(`offline manifest check: ${rel}`);
  console.log(`  ${codeRequirements.length} Office.js API uses from src/office/requirements.ts`);
  for (const w of warnings) console.log(`  warning: ${w}`);
  for (const e of errors) console.log(`  error: ${e}`);
  console.log(`  ${errors.length} error(s), ${warnings.length} warning(s)`);
  if (errors.length > 0) return 1;

  if (offlineOnly) {
    console.log("online validation skipped: --offline");
    return 0;
  }
  const online = await validateOnline(manifestPath);
  if (online.status === "skipped") {
    console.log(`online validation skipped: ${online.reason}`);
    return 0;
  }
  if (online.status === "failed") {
    console.log(`online validation failed: ${online.reason}`);
    return 1;
  }
  console.log("online validation passed");
  return 0;
}

module.exports = {
  checkManifest,
  readPngSize,
  compareVersions,
  loadCodeRequirements,
  validateOnline,
  OFFICEAPP_TASKPANE_ORDER,
};

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      console.error(err);
      process.exitCode = 2;
    },
  );
}
