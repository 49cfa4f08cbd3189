/**
 * The offline manifest check knows the shared runtime (learn.microsoft.com, "Configure your
 * Office Add-in to use a shared runtime"; the <Runtime> element reference): the real
 * manifest passes, and each way of breaking it is caught.
 */
import * as fs from "fs";
import * as path from "path";
import { checkManifest } from "../../scripts/validate-manifest";
import { OFFICE_APIS_USED } from "../../src/office/requirements";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const OPTIONS = { codeRequirements: OFFICE_APIS_USED };

function edit(xml: string, from: string, to: string): string {
  if (xml.split(from).length !== 2) throw new Error(`test setup: ${JSON.stringify(from)} must occur once in manifest.xml`);
  return xml.replace(from, to);
}

const RUNTIMES = '        <Runtimes>\n          <Runtime resid="Taskpane.Url" lifetime="long"/>\n        </Runtimes>\n';

describe("shared runtime in the manifest check", () => {
  test("the real manifest declares one long-lived runtime shared by the pane and the command", () => {
    expect(MANIFEST).toContain('<Runtime resid="Taskpane.Url" lifetime="long"/>');
    expect(MANIFEST).toContain('<FunctionFile resid="Taskpane.Url"/>');
    expect(checkManifest(MANIFEST, OPTIONS).errors).toEqual([]);
  });

  test("a short lifetime", () => {
    const broken = edit(MANIFEST, 'lifetime="long"', 'lifetime="short"');
    expect(checkManifest(broken, OPTIONS).errors).toEqual([expect.stringMatching(/lifetime="short": Excel's shared runtime needs lifetime="long"/)]);
  });

  test("a function file outside the shared runtime", () => {
    const broken = edit(edit(MANIFEST, '<FunctionFile resid="Taskpane.Url"/>', '<FunctionFile resid="Commands.Url"/>'), "<bt:Urls>\n", '<bt:Urls>\n        <bt:Url id="Commands.Url" DefaultValue="https://localhost:3000/commands.html"/>\n');
    expect(checkManifest(broken, OPTIONS).errors).toEqual([expect.stringMatching(/^<FunctionFile resid="Commands.Url"> \(line \d+\) must use the shared runtime's resid "Taskpane.Url"/)]);
  });

  test("<Runtimes> without SharedRuntime in <Requirements>, and the reverse", () => {
    const noSet = edit(MANIFEST, '      <Set Name="SharedRuntime" MinVersion="1.1"/>\n', "");
    expect(checkManifest(noSet, OPTIONS).errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/<Runtimes> \(line \d+\) needs <Set Name="SharedRuntime" MinVersion="1.1"\/>/), expect.stringMatching(/needs SharedRuntime 1\.1 and is not guarded at run time/)]),
    );
    const noRuntimes = edit(MANIFEST, RUNTIMES, "");
    expect(checkManifest(noRuntimes, OPTIONS).errors).toEqual(expect.arrayContaining([expect.stringMatching(/requires SharedRuntime 1\.1 but declares no <Runtimes>/)]));
  });

  test("<Runtimes> after the form factor is out of schema order", () => {
    const moved = edit(edit(MANIFEST, RUNTIMES, ""), "        </DesktopFormFactor>\n", "        </DesktopFormFactor>\n" + RUNTIMES);
    expect(checkManifest(moved, OPTIONS).errors).toEqual([expect.stringMatching(/<Runtimes> \(line \d+\) is out of order/)]);
  });

  test("a task pane button without a TaskpaneId opens a second pane", () => {
    const broken = edit(MANIFEST, "<TaskpaneId>IkiChecker.Pane</TaskpaneId>\n", "");
    expect(checkManifest(broken, OPTIONS).errors).toContainEqual(expect.stringMatching(/needs a <TaskpaneId>: a shared runtime has one task pane/));
  });
});
