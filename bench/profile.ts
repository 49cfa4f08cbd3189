/**
 * CPU profile of the full check on a synthetic sheet: `node --cpu-prof -r ts-node/register/transpile-only bench/profile.ts N`,
 * then `node bench/top-functions.js DIR` lists where the time goes.
 */
import { evaluateSheet } from "../src/engine/evaluate";
import { runRules } from "../src/engine/rules";
import { sampleRows, syntheticSheet } from "./synthetic";

(async () => {
  const sheet = syntheticSheet(await sampleRows(), Number(process.argv[2] ?? 2000));
  for (let i = 0; i < Number(process.argv[3] ?? 3); i++) runRules(evaluateSheet(sheet));
})();
