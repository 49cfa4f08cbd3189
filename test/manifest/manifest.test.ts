import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  checkManifest,
  loadCodeRequirements,
  readPngSize,
  type CheckManifestOptions,
} from "../../scripts/validate-manifest";
import { OFFICE_APIS_USED } from "../../src/office/requirements";

const ROOT = path.resolve(__dirname, "..", "..");
const ASSETS = path.join(ROOT, "assets");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const COMMANDS = fs.readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");

const OPTIONS: CheckManifestOptions = {
  assetsDir: ASSETS,
  codeRequirements: OFFICE_APIS_USED,
  commandSources: [COMMANDS],
};

/** One exact-string edit of the real manifest; fails loudly if the text is not there. */
function edit(xml: string, from: string, to: string): string {
  const at = xml.indexOf(from);
  if (at === -1) throw new Error(`test setup: ${JSON.stringify(from)} is not in manifest.xml`);
  if (xml.indexOf(from, at + 1) !== -1) throw new Error(`test setup: ${JSON.stringify(from)} occurs more than once`);
  return xml.slice(0, at) + to + xml.slice(at + from.length);
}

/** A copy of assets/ with some files removed or replaced, for icon-file checks. */
const tempDirs: string[] = [];
function assetsCopy(change: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "iki-assets-"));
  tempDirs.push(dir);
  for (const f of fs.readdirSync(ASSETS)) fs.copyFileSync(path.join(ASSETS, f), path.join(dir, f));
  change(dir);
  return dir;
}
afterAll(() => {
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("the real manifest.xml", () => {
  test("passes the offline check with zero errors and zero warnings", () => {
    const { errors, warnings } = checkManifest(MANIFEST, OPTIONS);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
  });

  test("is an Excel task pane add-in requiring ExcelApi 1.13, Indonesian first with English overrides", () => {
    expect(MANIFEST).toMatch(/<OfficeApp [^>]*xsi:type="TaskPaneApp"/);
    expect(MANIFEST).toContain('<Host Name="Workbook"/>');
    expect(MANIFEST).toContain('<Set Name="ExcelApi" MinVersion="1.13"/>');
    expect(MANIFEST).toContain("<DefaultLocale>id-ID</DefaultLocale>");
    expect(MANIFEST).toContain("<Permissions>ReadWriteDocument</Permissions>");
    expect(MANIFEST).toContain("<FunctionName>checkWorkbook</FunctionName>");
    expect(MANIFEST).toContain('DefaultValue="Periksa IKI"');
    expect(MANIFEST).toContain('DefaultValue="Panel IKI"');
    expect(MANIFEST.match(/<(bt:)?Override Locale="en-US"/g)?.length).toBeGreaterThanOrEqual(9);
  });

  test("the CLI reads the same API list from requirements.ts as the TypeScript import", () => {
    const fromCli = loadCodeRequirements(path.join(ROOT, "src", "office", "requirements.ts"));
    expect(JSON.parse(JSON.stringify(fromCli))).toEqual(JSON.parse(JSON.stringify(OFFICE_APIS_USED)));
  });

  test("every Office.js API entry names its set, a major.minor version and a purpose", () => {
    for (const use of OFFICE_APIS_USED) {
      expect(use.version).toMatch(/^\d+\.\d+$/);
      expect(use.purpose.length).toBeGreaterThan(10);
    }
    const byApi = (name: string) => OFFICE_APIS_USED.find((u) => u.api.startsWith(name));
    expect(byApi("Range.getMergedAreasOrNullObject")).toMatchObject({ set: "ExcelApi", version: "1.13", guardedAtRuntime: false });
    expect(byApi("Worksheet.notes")).toMatchObject({ set: "ExcelApi", version: "1.18", guardedAtRuntime: true });
    expect(byApi("WorksheetChangedEventArgs.triggerSource")).toMatchObject({ version: "1.14", guardedAtRuntime: true });
  });
});

describe("deliberately broken copies are caught", () => {
  test("an element out of schema order", () => {
    const requirements =
      '  <Requirements>\n    <Sets DefaultMinVersion="1.1">\n      <Set Name="ExcelApi" MinVersion="1.13"/>\n      <Set Name="SharedRuntime" MinVersion="1.1"/>\n    </Sets>\n  </Requirements>\n';
    const moved = edit(edit(MANIFEST, requirements, ""), "  <Permissions>", requirements + "  <Permissions>");
    const { errors } = checkManifest(moved, OPTIONS);
    expect(errors).toEqual([
      expect.stringMatching(/^OfficeApp: <Requirements> \(line \d+\) is out of order: it must come before <DefaultSettings> \(line \d+\)/),
    ]);
  });

  test("an Id that is not a GUID", () => {
    const broken = edit(MANIFEST, "<Id>1ad537db-d61d-49a6-8fa0-030cf42afbc0</Id>", "<Id>1ad537db-d61d-49a6-8fa0-030cf42afbc</Id>");
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      '<Id> (line 14) "1ad537db-d61d-49a6-8fa0-030cf42afbc" is not a GUID (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
    ]);
  });

  test("a resid that no resource defines", () => {
    const broken = edit(MANIFEST, '<Label resid="PaneButton.Label"/>', '<Label resid="PaneButton.Lable"/>');
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      expect.stringMatching(/^resid "PaneButton\.Lable" on <Label> \(line \d+\) is not defined in <Resources>$/),
    ]);
  });

  test("a resource that nothing uses", () => {
    const broken = edit(
      MANIFEST,
      "      </bt:ShortStrings>",
      '        <bt:String id="Unused.Label" DefaultValue="Tidak dipakai"/>\n      </bt:ShortStrings>',
    );
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      expect.stringMatching(/^resource "Unused\.Label" \(<bt:String> in <bt:ShortStrings> \(line \d+\)\) is defined but never used$/),
    ]);
  });

  test("a resid pointing at a resource of the wrong kind", () => {
    const broken = edit(MANIFEST, '<Label resid="Group.Label"/>', '<Label resid="CheckButton.Tooltip"/>');
    const { errors } = checkManifest(broken, OPTIONS);
    expect(errors).toContainEqual(
      expect.stringMatching(/^resid "CheckButton\.Tooltip" on <Label> \(line \d+\) refers to a <bt:String> in <bt:LongStrings>, but <Label> needs a <bt:String> in <bt:ShortStrings>$/),
    );
    expect(errors).toContainEqual(expect.stringMatching(/^resource "Group\.Label" .* is defined but never used$/));
  });

  test("an http URL", () => {
    const broken = edit(MANIFEST, '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="https://', '<bt:Url id="GetStarted.LearnMoreUrl" DefaultValue="http://');
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      expect.stringMatching(
        /^<bt:Url id="GetStarted\.LearnMoreUrl"> \(line \d+\) URL "http:\/\/localhost:3000\/support\.html" must use https/,
      ),
    ]);
  });

  test("an icon file missing from assets/", () => {
    const assetsDir = assetsCopy((dir) => fs.rmSync(path.join(dir, "icon-80.png")));
    expect(checkManifest(MANIFEST, { ...OPTIONS, assetsDir }).errors).toEqual([
      expect.stringMatching(/^icon file assets\/icon-80\.png \(from <bt:Image id="Icon\.80x80"> \(line \d+\)\) does not exist$/),
    ]);
  });

  test("an icon of the wrong pixel size", () => {
    const assetsDir = assetsCopy((dir) => fs.copyFileSync(path.join(dir, "icon-64.png"), path.join(dir, "icon-32.png")));
    expect(checkManifest(MANIFEST, { ...OPTIONS, assetsDir }).errors).toEqual([
      expect.stringMatching(/^icon file assets\/icon-32\.png is 64x64 px but <IconUrl> \(line \d+\) declares 32x32$/),
    ]);
  });

  test("an icon file that is not a PNG", () => {
    const assetsDir = assetsCopy((dir) => fs.writeFileSync(path.join(dir, "panel-16.png"), "GIF89a not really"));
    expect(checkManifest(MANIFEST, { ...OPTIONS, assetsDir }).errors).toEqual([
      expect.stringMatching(/^icon file assets\/panel-16\.png \(from <bt:Image id="PaneIcon\.16x16"> \(line \d+\)\) is not a PNG$/),
    ]);
  });

  test("an ExcelApi MinVersion below an unguarded API's set", () => {
    const broken = edit(MANIFEST, '<Set Name="ExcelApi" MinVersion="1.13"/>', '<Set Name="ExcelApi" MinVersion="1.12"/>');
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      '"Range.getMergedAreasOrNullObject" needs ExcelApi 1.13 and is not guarded at run time, but the manifest requires only ExcelApi 1.12: ' +
        'raise <Set Name="ExcelApi" MinVersion> to 1.13 or guard the call with isSetSupported("ExcelApi", "1.13")',
    ]);
  });

  test("an API above MinVersion passes only while it is guarded at run time", () => {
    const unguarded = OFFICE_APIS_USED.map((u) => (u.api.startsWith("Worksheet.notes") ? { ...u, guardedAtRuntime: false } : u));
    expect(checkManifest(MANIFEST, { ...OPTIONS, codeRequirements: unguarded }).errors).toEqual([
      expect.stringMatching(/^"Worksheet\.notes .*" needs ExcelApi 1\.18 and is not guarded at run time, but the manifest requires only ExcelApi 1\.13/),
    ]);
  });

  test("a MinVersion higher than any unguarded API needs is a warning, not an error", () => {
    const high = edit(MANIFEST, '<Set Name="ExcelApi" MinVersion="1.13"/>', '<Set Name="ExcelApi" MinVersion="1.14"/>');
    const { errors, warnings } = checkManifest(high, OPTIONS);
    expect(errors).toEqual([]);
    expect(warnings).toContainEqual(
      'the manifest requires ExcelApi 1.14 but the newest unguarded API needs only 1.13 ("Range.getMergedAreasOrNullObject"): older hosts are excluded for nothing',
    );
  });

  test("XML that is not well-formed", () => {
    const broken = edit(MANIFEST, "    <Host Name=\"Workbook\"/>\n  </Hosts>", "    <Host Name=\"Workbook\"/>\n  </Host>");
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      expect.stringMatching(/^XML is not well-formed: Opening and ending tag mismatch: "Hosts" != "Host" \(line \d+, column \d+\)$/),
    ]);
    const amp = edit(MANIFEST, "Memeriksa tabel IKI, IKU, dan", "Memeriksa tabel IKI & IKU dan");
    expect(checkManifest(amp, OPTIONS).errors).toEqual([
      'XML is not well-formed: "&" not followed by an entity or character reference (line 21)',
    ]);
  });

  test("an ExecuteFunction that the function file does not associate", () => {
    const broken = edit(MANIFEST, "<FunctionName>checkWorkbook</FunctionName>", "<FunctionName>checkBook</FunctionName>");
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      expect.stringMatching(/^ExecuteFunction "checkBook" \(line \d+\) is not registered: no Office\.actions\.associate\("checkBook", …\)/),
    ]);
  });

  test("the yo office template's GUID", () => {
    const broken = edit(MANIFEST, "1ad537db-d61d-49a6-8fa0-030cf42afbc0", "05c2e1c9-3e1d-406e-9a91-e9ac64854143");
    expect(checkManifest(broken, OPTIONS).errors).toEqual([
      expect.stringContaining("is the yo office template's GUID: generate a fresh one"),
    ]);
  });
});

describe("readPngSize", () => {
  test("reads width and height from the IHDR chunk of every icon", () => {
    for (const f of fs.readdirSync(ASSETS).filter((n) => n.endsWith(".png"))) {
      const size = Number(/-(\d+)\.png$/.exec(f)?.[1]);
      expect(readPngSize(fs.readFileSync(path.join(ASSETS, f)))).toEqual({ width: size, height: size });
    }
  });

  test("returns null for bytes that are not a PNG", () => {
    expect(readPngSize(Buffer.from("GIF89a............................"))).toBeNull();
  });
});
