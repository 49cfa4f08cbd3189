/** Every Office.js API the add-in uses is listed in the README with its requirement set. */
import { readFileSync } from "fs";
import path from "path";
import { OFFICE_APIS_USED } from "../../src/office/requirements";

const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README requirement-set table", () => {
  it.each(OFFICE_APIS_USED.map((a) => [a.api, a] as const))("lists %s", (_api, a) => {
    const set = a.set === "Core" ? (a.api.startsWith("Office.context.ui") ? "DialogApi 1.1" : "Core") : `${a.set} ${a.version}`;
    const line = readme.split("\n").find((l) => l.startsWith(`| \`${a.api}\` |`));
    expect(line).toBeDefined();
    expect(line).toContain(`| ${set} |`);
    expect(line).toContain(a.guardedAtRuntime ? "run-time check" : "required");
  });
});
