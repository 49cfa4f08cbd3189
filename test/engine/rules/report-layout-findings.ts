/**
 * Prints, per layout fixture (issue #14), the expected findings found / missed, the
 * unexpected ones and the error findings on clean rows:
 * `npx ts-node --transpile-only test/engine/rules/report-layout-findings.ts [workbook]`.
 */
import { errorsOnCleanRows, expectedLayoutKeys, LAYOUT_FIXTURES, layoutFindings } from "./compare-layout-findings";

async function main(): Promise<void> {
  const only = process.argv[2];
  const total = { expected: 0, found: 0, missed: 0, unexpected: 0, errorsOnCleanRows: 0 };
  for (const workbook of LAYOUT_FIXTURES) {
    if (only && only !== workbook) continue;
    const findings = await layoutFindings(workbook);
    const expected = new Set(expectedLayoutKeys(workbook));
    const actual = new Set(findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`));
    const missed = [...expected].filter((k) => !actual.has(k));
    const unexpected = [...actual].filter((k) => !expected.has(k));
    const clean = errorsOnCleanRows(findings);
    console.log(`${workbook}: expected ${expected.size}, found ${expected.size - missed.length}, missed ${missed.length}, unexpected ${unexpected.length}, errors on clean rows ${clean.length}`);
    if (only) {
      for (const k of missed) console.log(`  MISSED ${k}`);
      for (const k of unexpected) console.log(`  UNEXPECTED ${k}`);
      for (const f of findings) console.log(`  ${f.severity} ${f.sheet}!${f.cell} ${f.rule}: ${f.messages.id}`);
    }
    total.expected += expected.size;
    total.found += expected.size - missed.length;
    total.missed += missed.length;
    total.unexpected += unexpected.length;
    total.errorsOnCleanRows += clean.length;
  }
  console.log(`total: ${JSON.stringify(total)}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
