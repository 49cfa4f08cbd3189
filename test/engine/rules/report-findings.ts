/**
 * Prints, per fixture, the expected findings found / missed and the unexpected ones:
 * `npx ts-node --transpile-only test/engine/rules/report-findings.ts [seed]`.
 */
import { loadLineMap } from "../../support/fixtures";
import { actualKeys, expectedKeys, extraExpectedKeys, SEED_IDS } from "./compare-findings";

async function main(): Promise<void> {
  const only = process.argv[2];
  const lineMap = loadLineMap();
  const total = { expected: 0, found: 0, missed: 0, unexpected: 0 };
  const jobs: [string, string, () => string[]][] = [
    ...SEED_IDS.map((s) => [s, lineMap.workbooks[s], () => expectedKeys(s)] as [string, string, () => string[]]),
    ...["non-indicator.xlsx", "pengukuran-bkpsdm-2024.xlsx", "evaluasi-renja-kesbangpol-2025.xlsx"].map(
      (w) => [w, w, () => extraExpectedKeys(w)] as [string, string, () => string[]],
    ),
  ];
  for (const [label, workbook, expectedOf] of jobs) {
    if (only && only !== label) continue;
    const expected = new Set(expectedOf());
    const actual = new Set(await actualKeys(workbook));
    const missed = [...expected].filter((k) => !actual.has(k));
    const unexpected = [...actual].filter((k) => !expected.has(k));
    const byRule = (keys: string[]): Record<string, number> =>
      keys.reduce<Record<string, number>>((acc, k) => { const r = k.slice(k.lastIndexOf(" ") + 1); acc[r] = (acc[r] ?? 0) + 1; return acc; }, {});
    console.log(`${label}: expected ${expected.size}, found ${expected.size - missed.length}, missed ${missed.length} ${JSON.stringify(byRule(missed))}, unexpected ${unexpected.length} ${JSON.stringify(byRule(unexpected))}`);
    if (only) {
      for (const k of missed) console.log(`  MISSED ${k}`);
      for (const k of unexpected) console.log(`  UNEXPECTED ${k}`);
    }
    total.expected += expected.size;
    total.found += expected.size - missed.length;
    total.missed += missed.length;
    total.unexpected += unexpected.length;
  }
  console.log(`total: ${JSON.stringify(total)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
