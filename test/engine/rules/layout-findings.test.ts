/**
 * The rule catalogue on measurement sheets as officers type them (issue #14), in both
 * directions: every finding written by hand in findings-layouts.json is raised, nothing
 * else is, and no error-severity finding sits on a clean row.
 */
import { errorsOnCleanRows, expectedLayoutKeys, LAYOUT_FIXTURES, layoutFindings } from "./compare-layout-findings";

describe.each(LAYOUT_FIXTURES)("%s", (workbook) => {
  let expected: Set<string>;
  let findings: Awaited<ReturnType<typeof layoutFindings>>;
  beforeAll(async () => {
    expected = new Set(expectedLayoutKeys(workbook));
    findings = await layoutFindings(workbook);
  });

  test("every expected finding is raised", () => {
    const actual = new Set(findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`));
    expect([...expected].filter((k) => !actual.has(k)).sort()).toEqual([]);
  });

  test("no finding is raised that a reader would not", () => {
    const unexpected = findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`).filter((k) => !expected.has(k));
    expect(unexpected.sort()).toEqual([]);
  });

  test("no error-severity finding on a clean row", () => {
    expect(errorsOnCleanRows(findings).map((f) => `${f.sheet}!${f.cell} ${f.rule}`)).toEqual([]);
  });
});
