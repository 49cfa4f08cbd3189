/**
 * Prints the formula figures (parsed as expression / classified / failed) and every
 * disagreement with the expectations: `npx ts-node --transpile-only test/engine/formula/report-formulas.ts [FILE]`.
 */
import { existsSync } from "fs";
import path from "path";
import { loadJson, FIXTURES } from "../../support/fixtures";
import { actualFor, expectedFor, type FormulaExpectation } from "./compare-formulas";

const files = process.argv[2] ? [process.argv[2]] : ["expected/formulas.json"];
const entries: FormulaExpectation[] = files.flatMap((f) =>
  existsSync(path.join(FIXTURES, f)) ? loadJson<FormulaExpectation[]>(f) : [],
);
const counts: Record<string, number> = {};
let agree = 0;
for (const [k, e] of entries.entries()) {
  const a = actualFor(e);
  counts[a.class] = (counts[a.class] ?? 0) + 1;
  const x = expectedFor(e);
  if (JSON.stringify(a) === JSON.stringify(x)) agree++;
  else console.log(`#${k} ${e.firstAt ?? ""}\n  text ${JSON.stringify(e.formula).slice(0, 300)}\n  name ${e.name.slice(0, 100)}\n  got  ${JSON.stringify(a)}\n  want ${JSON.stringify(x)}`);
}
console.log(`pairs ${entries.length}; agree ${agree}; by class ${JSON.stringify(counts)}`);
