/**
 * One benchmark size in a process of its own (so that peak memory is this size's alone):
 * `ts-node bench/engine-size.ts N RUNS` prints one JSON line.
 *
 * Ours: the whole pipeline (snapshot → tables → typed indicators → measurement →
 * findings), and a re-check after one realisation edit (incremental). Peer: HyperFormula
 * computing the same sheet's capaian as native formulas (build + evaluate, and one edit).
 */
import { HyperFormula } from "hyperformula";
import { evaluateSheet } from "../src/engine/evaluate";
import { runRules } from "../src/engine/rules";
import { reevaluate } from "../src/engine/incremental";
import { capaianFormulaFor } from "../src/engine/measure/native";
import { FIRST_DATA_ROW, random, sampleRows, syntheticSheet } from "./synthetic";
import type { CellValue } from "../src/engine/snapshot";
import { gridOf } from "../test/support/grid";

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const runs = Number(process.argv[3] ?? 5);
  const rows = await sampleRows();
  const sheet = syntheticSheet(rows, n);

  // Ours: full check.
  const full: number[] = [];
  let ev = evaluateSheet(sheet);
  let findings = runRules(ev).length;
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    ev = evaluateSheet(sheet);
    findings = runRules(ev).length;
    full.push(ms(t0));
  }
  const indicators = ev.tables.reduce((s, t) => s + t.indicators.length, 0);

  // Ours: one realisation cell edited, re-measured (and the table's findings re-run).
  const rnd = random(7);
  const edits: number[] = [];
  for (let i = 0; i < 200; i++) {
    const row = FIRST_DATA_ROW + Math.floor(rnd() * n);
    const col = 6 + Math.floor(rnd() * 4);
    const t0 = process.hrtime.bigint();
    reevaluate(ev, [{ row, col, value: Math.round(rnd() * 100) }]);
    edits.push(ms(t0));
  }

  // Our peak memory, taken before the peer runs in this process.
  const oursMaxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  const skipPeer = process.argv[4] === "no-peer";

  // Peer: the capaian of every row as a native formula, in HyperFormula.
  const data: (CellValue | string)[][] = gridOf(sheet).values.map((r) => r.map((v) => (typeof v === "object" && v !== null ? null : v)));
  const t = ev.tables[0];
  let formulas = 0;
  for (const ind of t.indicators) {
    const native = capaianFormulaFor(sheet, t.table, ind);
    const r = ind.typed.row.row - 1;
    data[r][9] = native.formula ?? `=IFERROR(SUM(F${r + 1}:I${r + 1})/${ind.typed.target?.value ?? 1}*100,"")`;
    formulas++;
  }
  const build: number[] = [];
  let hf: HyperFormula | null = null;
  for (let i = 0; i < (skipPeer ? 0 : runs); i++) {
    hf?.destroy();
    const t0 = process.hrtime.bigint();
    hf = HyperFormula.buildFromArray(data as (string | number | boolean | null)[][], { licenseKey: "gpl-v3", maxRows: 1_048_576 });
    for (let r = FIRST_DATA_ROW - 1; r < FIRST_DATA_ROW - 1 + n; r++) hf.getCellValue({ sheet: 0, row: r, col: 9 });
    build.push(ms(t0));
  }
  const peerEdits: number[] = [];
  const rnd2 = random(7);
  for (let i = 0; i < (skipPeer ? 0 : 200); i++) {
    const row = FIRST_DATA_ROW - 1 + Math.floor(rnd2() * n);
    const col = 5 + Math.floor(rnd2() * 4);
    const t0 = process.hrtime.bigint();
    hf!.setCellContents({ sheet: 0, row, col }, [[Math.round(rnd2() * 100)]]);
    hf!.getCellValue({ sheet: 0, row, col: 9 });
    peerEdits.push(ms(t0));
  }
  hf?.destroy();

  const mem = process.memoryUsage();
  console.log(
    JSON.stringify({
      n,
      indicators,
      findings,
      formulas,
      fullMs: median(full),
      editMs: median(edits),
      peerBuildMs: skipPeer ? null : median(build),
      peerEditMs: skipPeer ? null : median(peerEdits),
      oursMaxRssMb,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMb: Math.round(mem.heapUsed / 1e6),
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
