/**
 * Acceptance: every formula cell of the seed fixtures (687 distinct name/formula pairs,
 * 1,381 indicator rows) is parsed into an expression or classified, exactly as the
 * expectation file written by reading them says (see expected/FORMULAS.md).
 */
import { loadJson } from "../../support/fixtures";
import { actualFor, expectedFor, type FormulaExpectation } from "./compare-formulas";

const entries = loadJson<FormulaExpectation[]>("expected/formulas.json");

test("the expectation file covers the seed formula cells", () => {
  expect(entries.length).toBe(687);
});

test.each(entries.map((e, i) => [i, e.firstAt ?? "", e] as const))("#%i %s", (_i, _at, e) => {
  expect(actualFor(e)).toEqual(expectedFor(e));
});
