/**
 * Acceptance of the rule catalogue on the fixtures, in both directions: every finding a
 * reader of the seeds expects is raised (recall), and nothing else is (false alarms) —
 * up to the documented, reasoned gaps in findings-known-gaps.json, which are asserted
 * exactly so that a fix or a regression shows.
 */
import { loadJson, loadLineMap } from "../../support/fixtures";
import { actualKeys, expectedKeys, extraExpectedKeys, SEED_IDS } from "./compare-findings";

interface Gaps {
  missed: Record<string, { key: string }[]>;
  unexpected: Record<string, { key: string }[]>;
}
const gaps = loadJson<Gaps>("expected/findings-known-gaps.json");
const lineMap = loadLineMap();

const cases: [string, string, () => string[]][] = [
  ...SEED_IDS.map((s) => [s, lineMap.workbooks[s], () => expectedKeys(s)] as [string, string, () => string[]]),
  ...["non-indicator.xlsx", "pengukuran-bkpsdm-2024.xlsx", "evaluasi-renja-kesbangpol-2025.xlsx"].map(
    (w) => [w, w, () => extraExpectedKeys(w)] as [string, string, () => string[]],
  ),
];

describe.each(cases)("%s", (label, workbook, expectedOf) => {
  let expected: Set<string>;
  let actual: Set<string>;
  beforeAll(async () => {
    expected = new Set(expectedOf());
    actual = new Set(await actualKeys(workbook));
  });

  test("every expected finding is raised, but for the documented gaps", () => {
    const missed = [...expected].filter((k) => !actual.has(k)).sort();
    expect(missed).toEqual((gaps.missed[label] ?? []).map((g) => g.key).sort());
  });

  test("no finding is raised that a reader would not, but for the documented gaps", () => {
    const unexpected = [...actual].filter((k) => !expected.has(k)).sort();
    expect(unexpected).toEqual((gaps.unexpected[label] ?? []).map((g) => g.key).sort());
  });
});
