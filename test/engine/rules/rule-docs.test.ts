/**
 * Every rule of the catalogue has its doc page (meta.docs), a row in the index
 * (docs/rules/README.md) and a short fix text in the task pane (RULE_FIX); every page
 * gives the rule's severity and a `Pesan` line.
 */
import { existsSync, readFileSync } from "fs";
import path from "path";
import { RULES } from "../../../src/engine/rules";
import { RULE_FIX } from "../../../src/taskpane/rule-docs";

const ROOT = path.join(__dirname, "..", "..", "..");
const index = readFileSync(path.join(ROOT, "docs", "rules", "README.md"), "utf8");

test("29 rules, ids unique", () => {
  const ids = RULES.map((r) => r.meta.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBe(29);
});

describe.each(RULES.map((r) => [r.meta.id, r] as const))("%s", (id, rule) => {
  test("doc page, index row and pane fix text", () => {
    const page = path.join(ROOT, rule.meta.docs);
    expect(existsSync(page)).toBe(true);
    const text = readFileSync(page, "utf8");
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    expect(/^\*\*Severity:\*\*.*$/m.exec(text)?.[0]).toContain(rule.meta.severity);
    expect(text).toContain("**Pesan:**");
    expect(index).toContain(`| \`${id}\` |`);
    expect(RULE_FIX[id]?.id.length).toBeGreaterThan(10);
    expect(RULE_FIX[id]?.en.length).toBeGreaterThan(10);
  });
});
