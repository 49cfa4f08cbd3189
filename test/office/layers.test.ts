/**
 * Two rules of issue #15 kept by a test until lint enforces layers (issue #17): the adapter
 * and the ribbon command import nothing from the pane, and Microsoft's client library
 * (@microsoft/office-js) is a test-only dependency: no production source imports it, so no
 * bundle carries it (the pages load office.js from Microsoft's CDN).
 */
import * as fs from "fs";
import * as path from "path";

const SRC = path.join(__dirname, "..", "..", "src");

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

const imports = (file: string): string[] => [...fs.readFileSync(file, "utf8").matchAll(/(?:^|\n)\s*(?:import|export)[^;]*?from\s+"([^"]+)"|(?:^|\n)\s*import\s+"([^"]+)"/g)].map((m) => m[1] ?? m[2]);

describe("layers", () => {
  it.each(["office", "commands", "settings"])("src/%s imports nothing from src/taskpane", (folder) => {
    const bad = files(path.join(SRC, folder)).flatMap((f) => imports(f).filter((i) => /(^|\/)taskpane(\/|$)/.test(i)).map((i) => `${path.relative(SRC, f)} → ${i}`));
    expect(bad).toEqual([]);
  });

  it("no production source imports @microsoft/office-js", () => {
    const bad = files(SRC).filter((f) => imports(f).some((i) => i.startsWith("@microsoft/office-js")));
    expect(bad).toEqual([]);
    const pkg = JSON.parse(fs.readFileSync(path.join(SRC, "..", "package.json"), "utf8")) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    expect(pkg.dependencies?.["@microsoft/office-js"]).toBeUndefined();
    expect(pkg.devDependencies?.["@microsoft/office-js"]).toBeDefined();
  });
});
