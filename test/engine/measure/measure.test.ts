/**
 * Quarter-end figures on the measurement fixtures: every aggregation × polarity × target
 * form, with the expected values worked out by hand in each test.
 */
import { evaluateFixtureSheet, indicatorAt, PENGUKURAN, RENJA } from "../../support/evaluation";
import { overrideKey } from "../../../src/engine/evaluate";
import { classify } from "../../../src/engine/measure/classes";
import { evaluateSheet } from "../../../src/engine/evaluate";
import { capaianFormulaFor } from "../../../src/engine/measure/native";
import type { SheetSnapshot } from "../../../src/engine/snapshot";
import { loadWorkbook } from "../../support/fixtures";
import { gridOf, withGrid } from "../../support/grid";
import { runRules } from "../../../src/engine/rules";
import { applyChanges } from "../../../src/engine/incremental";

const TW = "Pengukuran TW";

describe("Pengukuran TW: aggregation × polarity × target form", () => {
  test("row 5 — kumulatif, positive, count target `8 dokumen`: 2+3+1+2 = 8 → 8/8 = 100", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 5).measurement;
    expect(m.aggregation).toBe("cumulative");
    expect(m.realisasi).toBe(8);
    expect(m.capaian).toEqual({ value: 100, variant: "positive" });
    expect(m.cls?.id).toBe("Sangat Tinggi");
    // Without quarterly targets a kumulatif quarter has no capaian of its own.
    expect(m.periods.map((p) => p.capaian.value)).toEqual([null, null, null, null]);
  });

  test("row 6 — non-kumulatif (stated), positive, `85%`: latest 88.4 → 88.4/85×100 = 104; quarters against 85", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 6).measurement;
    expect(m.aggregation).toBe("non-cumulative");
    expect(m.realisasi).toBe(88.4);
    expect(m.capaian.value).toBeCloseTo(104, 9);
    expect(m.periods.map((p) => p.capaian.value)).toEqual([(40 / 85) * 100, (55 / 85) * 100, (70 / 85) * 100, (88.4 / 85) * 100]);
    expect(m.periods.map((p) => p.cls?.id)).toEqual(["Sangat Rendah", "Rendah", "Tinggi", "Sangat Tinggi"]);
  });

  test("row 7 — rata-rata, positive, number `3.15`: mean(3.02, 3.2, 3.11, 3.3) = 3.1575 → 100.238…", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 7).measurement;
    expect(m.aggregation).toBe("average");
    expect(m.realisasi).toBeCloseTo(3.1575, 12);
    expect(m.capaian.value).toBeCloseTo((3.1575 / 3.15) * 100, 9);
  });

  test("row 8 — kumulatif, negative (findings), `6 temuan`: 2+1+0+1 = 4 → (2×6−4)/6×100 = 133.33…; T/R = 150", async () => {
    const ev = await evaluateFixtureSheet(PENGUKURAN, TW);
    const m = indicatorAt(ev, 8).measurement;
    expect([m.polarity, m.aggregation, m.realisasi]).toEqual(["negative", "cumulative", 4]);
    expect(m.capaian.variant).toBe("negative-inverse");
    expect(m.capaian.value).toBeCloseTo((8 / 6) * 100, 9);
    const alt = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW, { negativeFormula: "ratio" }), 8).measurement;
    expect(alt.capaian).toEqual({ value: 150, variant: "negative-ratio" });
  });

  test("row 9 — non-kumulatif, negative (`semakin rendah semakin baik`), `20%`: 25 → (40−25)/20 = 75; T/R = 80", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 9).measurement;
    expect([m.polarity, m.aggregation, m.realisasi]).toEqual(["negative", "non-cumulative", 25]);
    expect(m.capaian).toEqual({ value: 75, variant: "negative-inverse" });
    expect(m.cls?.id).toBe("Sedang");
    // Per quarter against 20: 35 → (40−35)/20 = 25; 30 → 50; 28 → 60; 25 → 75.
    expect(m.periods.map((p) => p.capaian.value)).toEqual([25, 50, 60, 75]);
    const alt = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW, { negativeFormula: "ratio" }), 9).measurement;
    expect(alt.capaian).toEqual({ value: 80, variant: "negative-ratio" });
  });

  test("row 10 — range `80–90%`: 70 → 70/80 = 87.5; 78 → 97.5; 86 inside → 100; 93 → 93/90 = 103.33…", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 10).measurement;
    expect(m.periods.map((p) => [p.capaian.value, p.capaian.variant])).toEqual([
      [87.5, "range-lower"],
      [97.5, "range-lower"],
      [100, "range-inside"],
      [(93 / 90) * 100, "range-upper"],
    ]);
    expect(m.capaian.value).toBeCloseTo(103.333333333, 6);
  });

  test("row 11 — grade target with score `BB = 70.4`, realisation 68.4 → scores: 68.4/70.4 = 97.16 %", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 11).measurement;
    expect(m.capaian.variant).toBe("grade-score");
    expect(m.capaian.value).toBeCloseTo((68.4 / 70.4) * 100, 9);
    expect(m.lastPeriod).toBe("TW IV");
  });

  test("row 12 — Opini BPK, target `WTP`, realisation `WDP` → ranks 3/4 = 75", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 12).measurement;
    expect(m.capaian).toEqual({ value: 75, variant: "grade-rank" });
  });

  test("row 13 — rata-rata, negative, `7` days: mean 6.75 → (14−6.75)/7 = 103.57; T/R = 103.70", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 13).measurement;
    expect([m.polarity, m.aggregation, m.realisasi]).toEqual(["negative", "average", 6.75]);
    expect(m.capaian.value).toBeCloseTo((7.25 / 7) * 100, 9);
    const alt = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW, { negativeFormula: "ratio" }), 13).measurement;
    expect(alt.capaian.value).toBeCloseTo((7 / 6.75) * 100, 9);
  });

  test("row 14 — kumulatif, number `45`, a zero quarter: 10+12+0+15 = 37 → 82.22 (Tinggi)", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW), 14).measurement;
    expect(m.realisasi).toBe(37);
    expect(m.capaian.value).toBeCloseTo((37 / 45) * 100, 9);
    expect(m.cls?.id).toBe("Tinggi");
  });

  test("per-row overrides: polarity and aggregation as the user sets them", async () => {
    const overrides = { [overrideKey(TW, 14)]: { polarity: "negative" as const, aggregation: "non-cumulative" as const } };
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, TW, { overrides }), 14).measurement;
    // Latest 15 against 45, lower is better: (90 − 15)/45 × 100 = 166.67.
    expect(m.realisasi).toBe(15);
    expect(m.capaian.value).toBeCloseTo((75 / 45) * 100, 9);
  });
});

describe("Rencana Aksi 2024: quarterly targets, words, gaps", () => {
  test("row 10 — quarterly targets 25/50/75/100 %: every quarter 100, the year 100", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, "Rencana Aksi 2024"), 10).measurement;
    expect(m.periods.map((p) => [p.target, p.capaian.value])).toEqual([
      [25, 100],
      [50, 100],
      [75, 100],
      [100, 100],
    ]);
    expect(m.capaian.value).toBe(100);
  });

  test("row 13 — kumulatif with quarterly targets 1,1,1,1: quarters 100,100,0,200; the year 4/4 = 100", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, "Rencana Aksi 2024"), 13).measurement;
    expect(m.periods.map((p) => p.capaian.value)).toEqual([100, 100, 0, 200]);
    expect(m.realisasi).toBe(4);
    expect(m.capaian.value).toBe(100);
  });

  test("row 14 — `tiga` is not a number, kept as a word; a kumulatif year to date without TW II is unknown: no capaian", async () => {
    // Issue #14, point 8: the sum of the readable quarters (2+2+1 = 5 → 62.5) is not the year
    // to date, so nothing is computed with it (2+3+2+1 = 8 would make the typed 100 right).
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, "Rencana Aksi 2024"), 14).measurement;
    expect(m.periods[1].reading).toMatchObject({ status: "word", wordValue: 3, value: null });
    expect(m.periods.map((p) => p.stated)).toEqual([2, null, 2, 1]);
    expect(m.realisasi).toBeNull();
    expect(m.capaian).toEqual({ value: null, variant: null, reason: "unreadable-realisation" });
  });

  test("row 15 — the capaian cell typed as 96.77 is read for comparison; the computed one is 100", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, "Rencana Aksi 2024"), 15).measurement;
    expect(m.capaianCell?.reading.value).toBe(96.77);
    expect(m.capaian.value).toBe(100);
  });

  test("row 16 — a gap in TW II: the latest filled quarter stands (83.1/80 = 103.875)", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, "Rencana Aksi 2024"), 16).measurement;
    expect(m.periods[1].stated).toBeNull();
    expect(m.capaian.value).toBeCloseTo(103.875, 9);
  });
});

describe("Rencana Aksi 2024 with targets to date (`Target s.d.` TW I–IV)", () => {
  // The sheet's "Target" group header (F7) relabelled "Target s.d.", and the kumulatif rows'
  // quarterly targets typed to date: row 13 (4 dokumen) 1,2,3,4; row 14 (8 dokumen) 2,4,6,8.
  async function targetsToDate(): Promise<SheetSnapshot> {
    const sheet = (await loadWorkbook(PENGUKURAN)).sheets.find((s) => s.name === "Rencana Aksi 2024")!;
    const toDate: [number, number[]][] = [
      [13, [1, 2, 3, 4]],
      [14, [2, 4, 6, 8]],
    ];
    // Targets TW I–IV sit in F–I (columns 6–9).
    const changes = [{ row: 7, col: 6, value: "Target s.d." }, ...toDate.flatMap(([row, t]) => t.map((value, k) => ({ row, col: 6 + k, value })))];
    return applyChanges(sheet, changes)!;
  }

  test("row 13 — realisation to date 1,2,2,4 against 1,2,3,4: 100, 100, 66.67, 100; the year 4/4 = 100", async () => {
    const ev = evaluateSheet(await targetsToDate());
    const m = indicatorAt(ev, 13).measurement;
    expect(m.periods.map((p) => p.targetToDate)).toEqual([true, true, true, true]);
    expect(m.periods.map((p) => p.capaian.value)).toEqual([100, 100, (2 / 3) * 100, 100]);
    expect(m.realisasi).toBe(4);
    expect(m.capaian.value).toBe(100);
  });

  test("targets to date that end at the annual target raise no period-targets-inconsistent; one that does not is named", async () => {
    const sheet = await targetsToDate();
    const inconsistent = (s: SheetSnapshot) => runRules(evaluateSheet(s)).filter((f) => f.rule === "period-targets-inconsistent").map((f) => f.cell);
    expect(inconsistent(sheet)).not.toContain("E13");
    expect(inconsistent(sheet)).not.toContain("E14");
    // Row 14's TW IV target to date typed 7 instead of 8.
    const wrong = applyChanges(sheet, [{ row: 14, col: 9, value: 7 }])!;
    const f = runRules(evaluateSheet(wrong)).find((x) => x.rule === "period-targets-inconsistent" && x.cell === "E14");
    expect(f?.messages.id).toBe("Target s.d. periode terakhir 7 tidak sama dengan target tahunan 8.");
  });
});

describe("Evaluasi Renja: running totals (s.d. TW)", () => {
  test("row 7 — kumulatif running totals 1,2,2,4: own quarters 1,1,0,2; the year 4 against the 2025 target 4", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(RENJA, "Evaluasi Renja TW"), 7).measurement;
    expect(m.runningTotals).toBe(true);
    expect(m.periods.map((p) => p.own)).toEqual([1, 1, 0, 2]);
    expect([m.realisasi, m.target, m.capaian.value]).toEqual([4, expect.objectContaining({ value: 4 }), 100]);
  });

  test("row 8 — a running total that goes down (6 → 5) shows as a negative quarter", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(RENJA, "Evaluasi Renja TW"), 8).measurement;
    expect(m.periods.map((p) => p.own)).toEqual([3, 3, -1, 7]);
    expect(m.realisasi).toBe(12);
  });

  test("row 9 — decimal commas typed as text (`96,4`) are read; non-kumulatif takes the latest", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(RENJA, "Evaluasi Renja TW"), 9).measurement;
    expect(m.periods[3].reading).toMatchObject({ status: "text-number", value: 96.4 });
    expect(m.capaian.value).toBeCloseTo(96.4, 9);
  });

  test("IKU Semester row 5 — semesters, number target 86: 86.9/86 = 101.05", async () => {
    const m = indicatorAt(await evaluateFixtureSheet(RENJA, "IKU Semester"), 5).measurement;
    expect(m.periods.map((p) => p.period)).toEqual(["Semester I", "Semester II"]);
    expect(m.capaian.value).toBeCloseTo((86.9 / 86) * 100, 9);
  });
});

describe("components (rincian rows under the indicator)", () => {
  test("row 5 — the formula over its component rows gives each quarter's realisation", async () => {
    const i = indicatorAt(await evaluateFixtureSheet(PENGUKURAN, "Realisasi Anggaran"), 5);
    expect(i.measurement.components).toEqual([
      { name: "Jumlah Realisasi Anggaran", row: 6 },
      { name: "Jumlah Total Anggaran", row: 7 },
    ]);
    expect(i.measurement.periods.map((p) => p.fromComponents)).toEqual([18.2, 41.5, 66, 97.3]);
    expect(i.measurement.periods.map((p) => p.stated)).toEqual([18.2, 41.5, 66, 97.3]);
  });

  test("row 8 — TW III typed 98 while 418/420 × 100 = 99.52: the difference is visible", async () => {
    const ev = await evaluateFixtureSheet(PENGUKURAN, "Realisasi Anggaran");
    const m = indicatorAt(ev, 8).measurement;
    expect(m.periods[2].stated).toBe(98);
    expect(m.periods[2].fromComponents).toBeCloseTo((418 / 420) * 100, 12);
    // The component rows are not indicators of their own.
    expect(ev.tables[0].indicators.map((x) => x.typed.row.row)).toEqual([5, 8]);
  });

  test("a row named like a variable but with its own target is an indicator, not a component", async () => {
    // Row 7 "Jumlah Total Anggaran" given a target of its own (F7): it stops the rincian block.
    const wb = await loadWorkbook(PENGUKURAN);
    const sheet = wb.sheets.find((s) => s.name === "Realisasi Anggaran")!;
    const ev = evaluateSheet(applyChanges(sheet, [{ row: 7, col: 6, value: "2.000.000.000" }])!);
    expect(indicatorAt(ev, 5).measurement.components).toEqual([{ name: "Jumlah Realisasi Anggaran", row: 6 }]);
    expect(ev.tables[0].indicators.map((x) => x.typed.row.row)).toEqual([5, 7, 8]);
  });
});

test("band sets: Permendagri 86 by default, the others on request", () => {
  expect(classify(91)?.id).toBe("Sangat Tinggi");
  expect(classify(90.99)?.id).toBe("Tinggi");
  expect(classify(50)?.id).toBe("Sangat Rendah");
  expect(classify(50.5)?.id).toBe("Rendah");
  expect(classify(120, "baik")?.id).toBe("Sangat Baik");
  expect(classify(99.9, "berhasil")?.id).toBe("Berhasil");
  expect(classify(100, "berhasil")?.id).toBe("Sangat Berhasil");
  expect(classify(null)).toBeNull();
});

describe("a year-total realisation column beside the quarters", () => {
  // Pengukuran TW with a "Realisasi Tahunan" column inserted after TW IV, filled with the
  // year's total as officers type it (row 5: 2+3+1+2 = 8; row 14: 10+12+0+15 = 37).
  async function withYearTotal(totals: Record<number, number>): Promise<SheetSnapshot> {
    const wb = await loadWorkbook(PENGUKURAN);
    const sheet = wb.sheets.find((s) => s.name === TW)!;
    const at = 9; // 0-based index of the inserted column (J), before "Capaian (%)"
    const grid = gridOf(sheet);
    const insert = <T>(rows: readonly (readonly T[])[], cell: (r: number) => T) =>
      rows.map((row, r) => [...row.slice(0, at), cell(r + grid.origin.row), ...row.slice(at)]);
    return withGrid(
      sheet,
      {
        origin: grid.origin,
        values: insert(grid.values, (row) => (row === 4 ? "Realisasi Tahunan" : (totals[row] ?? null))),
        formulas: insert(grid.formulas, () => null),
        numberFormats: insert(grid.numberFormats, () => null),
      },
      sheet.merges.map((m) => (m.right >= at + 1 ? { ...m, right: m.right + 1 } : m)),
    );
  }

  test("is not summed in as a fifth period: row 5 stays 8/8 = 100, row 14 stays 37/45", async () => {
    const ev = evaluateSheet(await withYearTotal({ 5: 8, 14: 37 }));
    const row5 = indicatorAt(ev, 5).measurement;
    expect(row5.periods.map((p) => p.period)).toEqual(["TW I", "TW II", "TW III", "TW IV"]);
    expect(row5.realisasi).toBe(8);
    expect(row5.capaian.value).toBe(100);
    expect(indicatorAt(ev, 14).measurement.realisasi).toBe(37);
    // The native Excel formula sums F:I, not F:J.
    const native = capaianFormulaFor(ev.sheet, ev.tables[0].table, indicatorAt(ev, 5));
    expect(native.formula).toContain("F5:I5");
    expect(native.formula).not.toContain("J5");
  });
});
