/**
 * The quarter-end numbers of one indicator: realisation per period and year to date,
 * target, capaian and its class — the figures a Kepala signs — plus the sheet's own
 * capaian cell for comparison (and which cells its formula reads), longer periods beside
 * the shorter ones they are made of, and component evaluation when the formula's variables
 * have rows of their own under the indicator.
 *
 * Nothing unreadable is computed with: a realisation or target the engine cannot read
 * leaves the capaian empty, with the reason.
 */
import { formulaAt, numberFormatAt, valueAt, type SheetSnapshot } from "../snapshot";
import type { RecognizedTable } from "../recognize";
import { annualTargetColumn, type TypedIndicator } from "../indicator";
import type { Aggregation, IndicatorKind, Polarity } from "../indicator/kind";
import type { Target } from "../indicator/target";
import { isUnreadable, readCell, type CellReading, type ColumnConvention, type ReadContext } from "./values";
import { capaianFor, type Capaian, type NegativeFormula } from "./capaian";
import { classify, type Band, type BandSetId } from "./classes";
import { annualCapaianColumn, periodLayout } from "./periods";
import { evaluate } from "../formula/evaluate";
import { variableKey } from "../formula/ast";
import { SCALES } from "./grade-scales";
import { displayTolerance } from "./tolerance";
import { formulaReads, type CellRef } from "./formula-reads";
import type { TableReadContext } from "./read-context";
import { targetCellOf } from "./native";

export interface MeasureOptions {
  negativeFormula?: NegativeFormula;
  bandSet?: BandSetId;
}

/** Per-row choices the user made in the pane, overriding what the engine decided. */
export interface RowOverrides {
  kind?: IndicatorKind;
  polarity?: Polarity;
  aggregation?: Aggregation;
  negativeFormula?: NegativeFormula;
}

export interface PeriodMeasure {
  period: string;
  col: number | null;
  reading: CellReading | null;
  /** The period's own value (a running-total column gives the difference to the previous one). */
  own: number | null;
  /** The value as the column states it (the running total itself for `s.d.` columns). */
  stated: number | null;
  target: number | null;
  /** The target column is a running total (`Target s.d. TW II`): the target to date. */
  targetToDate: boolean;
  targetReading: CellReading | null;
  capaian: Capaian;
  cls: Band | null;
  /** The formula evaluated over this period's component values, when there are components. */
  fromComponents: number | null;
}

/** A longer period's own column beside the shorter periods it is made of (TW I and Jan–Mar). */
export interface SummaryMeasure {
  period: string;
  col: number;
  reading: CellReading;
  stated: number | null;
  /** Its parts aggregated per Tipe Penghitungan; null when they cannot be (none filled, one unreadable, running totals). */
  aggregated: number | null;
  parts: { period: string; col: number | null }[];
}

/** A target the engine read on the 0–100 scale although the cell holds a fraction (0.85 for 85 %). */
export interface ScaledTarget {
  row: number;
  col: number;
  from: number;
  to: number;
}

export interface CapaianCell {
  row: number;
  col: number;
  reading: CellReading;
  formula: string | null;
  /** max(0.05, half a unit of the last decimal the cell shows). */
  tolerance: number;
}

/** What a user's capaian formula reads, against the cells the computed capaian comes from. */
export interface FormulaCells {
  /** The cells the formula reads, through helper cells (a hidden SUM of the months). */
  reads: CellRef[];
  /** The cells the computed capaian comes from: the realisation cells it uses and the target cell. */
  needed: CellRef[];
  /** The realisation part of `needed` (the rest is the target). */
  neededRealisation: CellRef[];
  /** Every cell a right formula may read (all period cells of the row, the target cells). */
  allowed: CellRef[];
}

export interface Measurement {
  periods: PeriodMeasure[];
  /** Longer periods with their own columns beside the measured ones. */
  summaries: SummaryMeasure[];
  aggregation: Aggregation;
  polarity: Polarity;
  negativeFormula: NegativeFormula;
  runningTotals: boolean;
  /** Year-to-date realisation after aggregation; null when a period it needs cannot be read. */
  realisasi: number | null;
  /** The target the YTD capaian is measured against (a number, or the parsed annual target). */
  target: Target | number | null;
  capaian: Capaian;
  cls: Band | null;
  /** The last period with a value. */
  lastPeriod: string | null;
  /** The sheet's own capaian cell for the year, as typed or computed by a native formula. */
  capaianCell: CapaianCell | null;
  /** The annual target read ×100 (a fraction in a percentage row on the 0–100 scale). */
  scaledTarget: ScaledTarget | null;
  /** Component rows (formula variables with rows of their own) by variable name. */
  components: { name: string; row: number }[];
}

const isNum = (v: number | null): v is number => v !== null && Number.isFinite(v);

const none = (reason: Capaian["reason"]): Capaian => ({ value: null, variant: null, reason });

/** A plain fraction (0 < v ≤ limit, not formatted or typed as a percentage) that may be a percentage. */
function isPlainFraction(r: CellReading | null, limit: number): boolean {
  return (
    r !== null &&
    r.value !== null &&
    (r.status === "number" || r.status === "text-number") &&
    !r.percentFormat &&
    !r.percentText &&
    r.value > 0 &&
    r.value <= limit
  );
}

function onPercentScale(r: CellReading | null): boolean {
  return r !== null && r.value !== null && (r.percentFormat === true || r.percentText === true || r.value > 1.5);
}

/** The target's own number on the 0–100 scale question: its value, or its upper bound. */
function targetNumber(t: Target | null): number | null {
  if (!t) return null;
  if (t.form === "range" && t.range) return t.range.upper;
  return t.value;
}

export function measureIndicator(
  sheet: SheetSnapshot,
  table: RecognizedTable,
  typed: TypedIndicator,
  overrides: RowOverrides = {},
  options: MeasureOptions = {},
  componentRows: { name: string; row: number }[] = [],
  context: TableReadContext | null = null,
): Measurement {
  const row = typed.row.row;
  const polarity = overrides.polarity ?? typed.type.polarity;
  const aggregation = overrides.aggregation ?? typed.type.aggregation;
  const kind = overrides.kind ?? typed.type.kind;
  const negative = overrides.negativeFormula ?? options.negativeFormula ?? "inverse";
  const percentKind = kind === "percentage" || kind === "timeliness";
  const bandSet = options.bandSet ?? "permendagri86";

  const layout = periodLayout(table);
  const periods = layout.measured;
  const expr = typed.formula.expr;
  const scale = typed.type.scale ? SCALES[typed.type.scale] : null;
  const scaleRanges = [scale?.range, scale?.altRange].filter((r): r is [number, number] => !!r);
  const smallScale = /\b(skor|indeks|rata[\s-]*rata\s+skor)\b/i.test(typed.row.name);
  const units = [typed.type.unit, typed.target?.unit].filter((u): u is string => !!u && u !== "%");
  const convention = (col: number): ColumnConvention | null => context?.conventions.get(col) ?? null;

  // The annual target, read on the row's scale: a fraction (0.85) in a percentage row whose
  // realisations are on the 0–100 scale is 85 %.
  let annualTarget = typed.target;
  let scaledTarget: ScaledTarget | null = null;
  const annualCol = annualTargetColumn(table.columns);

  // First pass: the row's unambiguous values, to decide the ambiguous ones and the scale.
  const firstPass = periods.map((p) => (p.realisasi ? readCell(valueAt(sheet, row, p.realisasi.col), numberFormatAt(sheet, row, p.realisasi.col)) : null));
  const peers = firstPass.filter((r): r is CellReading => r !== null && r.value !== null && !r.ambiguity).map((r) => r.value as number);

  if (percentKind && annualTarget && annualTarget.form === "number" && annualTarget.value !== null && annualTarget.value > 0 && annualTarget.value <= 1 && annualCol) {
    const profile = context?.percentScale.get(annualCol.col);
    const rowHigh = firstPass.some((r) => onPercentScale(r));
    if (rowHigh || (profile !== undefined && profile.high > profile.fraction)) {
      const to = Math.round(annualTarget.value * 100 * 1e9) / 1e9;
      scaledTarget = { row, col: annualCol.col, from: annualTarget.value, to };
      annualTarget = { ...annualTarget, value: to, form: "percent", unit: "%" };
    }
  }
  const targetValue = targetNumber(annualTarget);

  const measures: PeriodMeasure[] = [];
  let previousStated: number | null = null;
  let ownToDate = 0;
  for (const p of periods) {
    const col = p.realisasi?.col ?? null;
    const targetReading = p.target
      ? readCell(valueAt(sheet, row, p.target.col), numberFormatAt(sheet, row, p.target.col), { scaleRanges, smallScale, units, column: convention(p.target.col) })
      : null;
    const ctx: ReadContext = {
      scaleRanges,
      target: targetReading?.value ?? targetValue,
      peers,
      column: col === null ? null : convention(col),
      smallScale,
      units,
    };
    const reading = col === null ? null : readCell(valueAt(sheet, row, col), numberFormatAt(sheet, row, col), ctx);
    if (reading && percentKind && isPlainFraction(reading, 1)) {
      // 0.85 among percentages: read as 85 % (and reported) when the row is on the 0–100 scale.
      const profile = col === null ? undefined : context?.percentScale.get(col);
      const targetSays = targetValue !== null ? targetValue > 1.5 : null;
      const rowSays = firstPass.some((r) => r !== null && r !== firstPass[periods.indexOf(p)] && onPercentScale(r));
      const columnSays = profile !== undefined && profile.high > profile.fraction;
      if (targetSays ?? (rowSays || columnSays)) {
        reading.value = Math.round((reading.value as number) * 100 * 1e9) / 1e9;
        reading.fractionScaled = true;
      }
    }
    const stated = reading?.value ?? null;
    let own: number | null = stated;
    if (p.realisasi?.runningTotal && isNum(stated)) {
      own = previousStated === null ? stated : stated - previousStated;
      previousStated = stated;
    }
    if (isNum(own)) ownToDate += own;
    const targetToDate = p.target?.runningTotal ?? false;
    if (targetReading && percentKind && isPlainFraction(targetReading, 1) && isNum(stated) && stated > 1.5) {
      targetReading.value = Math.round((targetReading.value as number) * 100 * 1e9) / 1e9;
      targetReading.fractionScaled = true;
    }
    const periodTarget = targetReading?.value ?? null;
    let capaian: Capaian = none("no-target");
    if (isUnreadable(reading)) capaian = none("unreadable-realisation");
    else if (isUnreadable(targetReading)) capaian = none("unreadable-target");
    else if (isNum(periodTarget)) {
      // A kumulatif quarter: its own value against its own target, or the realisation to
      // date against a target to date (`Target s.d. TW II`).
      const toDate = p.realisasi?.runningTotal ? stated : ownToDate;
      const r = aggregation !== "cumulative" ? stated : targetToDate ? toDate : own;
      capaian = capaianFor({ value: r }, periodTarget, polarity, negative);
    } else if (aggregation !== "cumulative" && annualTarget) {
      capaian = annualTarget.form === "unparsed" ? none("unreadable-target") : capaianFor({ value: stated, grade: reading?.grade }, annualTarget, polarity, negative);
    }
    let fromComponents: number | null = null;
    if (expr && componentRows.length > 0 && col !== null) {
      const byKey = new Map(componentRows.map((c) => [variableKey(c.name), c.row]));
      fromComponents = evaluate(expr, (name) => {
        const r = byKey.get(variableKey(name));
        if (r === undefined) return null;
        return readCell(valueAt(sheet, r, col), numberFormatAt(sheet, r, col)).value;
      });
    }
    measures.push({ period: p.period, col, reading, own, stated, target: periodTarget, targetToDate, targetReading, capaian, cls: classify(capaian.value, bandSet), fromComponents });
  }

  const filled = measures.filter((m) => isNum(m.stated));
  // A grade without a score (`WDP`) is a realisation too, for the latest-value reading.
  const reported = measures.filter((m) => isNum(m.stated) || m.reading?.grade !== undefined);
  const last = reported[reported.length - 1] ?? null;
  const runningTotals = periods.some((p) => p.realisasi?.runningTotal ?? false);
  // An unreadable period the year to date needs: every period for kumulatif and rata-rata,
  // the latest filled one for non-kumulatif.
  const unreadable = measures.filter((m) => isUnreadable(m.reading));
  const latestFilled = [...measures].reverse().find((m) => m.reading !== null && m.reading.status !== "empty") ?? null;
  const blocked = aggregation === "non-cumulative" && !runningTotals ? isUnreadable(latestFilled?.reading ?? null) : unreadable.length > 0;
  let realisasi: number | null = null;
  if (filled.length > 0 && !blocked) {
    if (aggregation === "cumulative") realisasi = runningTotals ? filled[filled.length - 1].stated : filled.reduce((s, m) => s + (m.own as number), 0);
    else if (aggregation === "average") realisasi = filled.reduce((s, m) => s + (m.stated as number), 0) / filled.length;
    else realisasi = last?.stated ?? null;
  }
  // A realisation written in a single annual column (no periods).
  let annualReadingBlocked = false;
  if (periods.length === 0) {
    const annual = table.columns.find((c) => c.role === "realisasi");
    if (annual) {
      const reading = readCell(valueAt(sheet, row, annual.col), numberFormatAt(sheet, row, annual.col), { scaleRanges, target: targetValue, smallScale, units, column: convention(annual.col) });
      realisasi = reading.value;
      annualReadingBlocked = isUnreadable(reading);
    }
  }

  const target = ytdTarget(annualTarget, typed, measures, aggregation, last);
  const lastGrade = last?.reading?.grade;
  const periodTargetUnreadable = typeof target === "number" && measures.some((m) => isUnreadable(m.targetReading));
  let capaian: Capaian;
  if (blocked || annualReadingBlocked) capaian = none("unreadable-realisation");
  else if (target === null) capaian = none("no-target");
  else if (typeof target !== "number" && target.form === "unparsed") capaian = none("unreadable-target");
  else if (periodTargetUnreadable) capaian = none("unreadable-target");
  else capaian = capaianFor({ value: realisasi, grade: lastGrade }, target, polarity, negative);

  const summaries = measureSummaries(sheet, table, row, measures, aggregation, realisasi, layout.summaries, { scaleRanges, target: targetValue, peers, smallScale, units }, convention);
  const capaianCell = readCapaianCell(sheet, table, row, capaian, context);

  return {
    periods: measures,
    summaries,
    aggregation,
    polarity,
    negativeFormula: negative,
    runningTotals,
    realisasi,
    target,
    capaian,
    cls: classify(capaian.value, bandSet),
    lastPeriod: last?.period ?? null,
    capaianCell,
    scaledTarget,
    components: componentRows,
  };
}

/** Each longer period's stated value beside its parts aggregated as the year to date is. */
function measureSummaries(
  sheet: SheetSnapshot,
  table: RecognizedTable,
  row: number,
  measures: PeriodMeasure[],
  aggregation: Aggregation,
  ytd: number | null,
  summaries: ReturnType<typeof periodLayout>["summaries"],
  base: ReadContext,
  convention: (col: number) => ColumnConvention | null,
): SummaryMeasure[] {
  return summaries.map((s) => {
    const reading = readCell(valueAt(sheet, row, s.realisasi.col), numberFormatAt(sheet, row, s.realisasi.col), { ...base, column: convention(s.realisasi.col) });
    const parts = s.parts.map((k) => measures.find((m) => m.period === k)).filter((m): m is PeriodMeasure => m !== undefined);
    const partCols = parts.map((m) => ({ period: m.period, col: m.col }));
    let aggregated: number | null = null;
    const running = s.realisasi.runningTotal || table.columns.some((c) => c.role === "realisasi" && c.runningTotal && s.parts.includes(c.period ?? ""));
    if (s.complete && !running && !parts.some((m) => isUnreadable(m.reading))) {
      if (s.period === "Tahunan") aggregated = ytd;
      else {
        const values = parts.filter((m) => isNum(m.stated));
        if (values.length > 0) {
          if (aggregation === "cumulative") aggregated = values.reduce((sum, m) => sum + (m.stated as number), 0);
          else if (aggregation === "average") aggregated = values.reduce((sum, m) => sum + (m.stated as number), 0) / values.length;
          else aggregated = values[values.length - 1].stated;
        }
      }
    }
    return { period: s.period, col: s.realisasi.col, reading, stated: reading.value, aggregated, parts: partCols };
  });
}

/** The sheet's capaian cell: its reading (a fraction resolved to the 0–100 scale), tolerance and what its formula reads. */
function readCapaianCell(sheet: SheetSnapshot, table: RecognizedTable, row: number, capaian: Capaian, context: TableReadContext | null): CapaianCell | null {
  const capCol = annualCapaianColumn(table);
  if (!capCol) return null;
  const col = capCol.col;
  const format = numberFormatAt(sheet, row, col);
  const reading = readCell(valueAt(sheet, row, col), format, { column: context?.conventions.get(col) ?? null });
  if (isPlainFraction(reading, 2)) {
    const v = reading.value as number;
    const c = capaian.value;
    const scaledMatches = c !== null && Math.abs(v * 100 - c) <= displayTolerance({ ...reading, value: v * 100, fractionScaled: true }, format) && Math.abs(v - c) > 0.05;
    const profile = context?.percentScale.get(col);
    const columnSays = profile !== undefined && profile.high > profile.fraction;
    if (scaledMatches || columnSays) {
      reading.value = Math.round(v * 100 * 1e9) / 1e9;
      reading.fractionScaled = true;
    }
  }
  const formula = formulaAt(sheet, row, col);
  return { row, col, reading, formula, tolerance: displayTolerance(reading, format) };
}

/**
 * The cells the user's capaian formula reads (through helper cells) and the ones the
 * computed capaian comes from; null without a formula. Worked out only when a rule needs it
 * (a mismatch to explain), so a check of a large sheet does not carry it for every row.
 */
export function formulaCells(sheet: SheetSnapshot, table: RecognizedTable, m: Measurement): FormulaCells | null {
  const cell = m.capaianCell;
  if (!cell || !cell.formula) return null;
  const { row, col } = cell;
  const measures = m.periods;
  const needed: CellRef[] = [];
  const allowed: CellRef[] = [];
  const cellsOf = (p: PeriodMeasure): CellRef | null => (p.col === null ? null : { row, col: p.col });
  const filled = measures.filter((p) => p.reading !== null && p.reading.status !== "empty");
  for (const p of measures) {
    const c = cellsOf(p);
    if (c) allowed.push(c);
    if (p.targetReading && p.col !== null) {
      const tc = table.columns.find((x) => x.role === "target" && x.period === p.period);
      if (tc) allowed.push({ row, col: tc.col });
    }
  }
  const latest = filled[filled.length - 1];
  if (m.aggregation === "non-cumulative" || m.runningTotals) {
    if (latest) needed.push(...[cellsOf(latest)].filter((c): c is CellRef => c !== null));
  } else
    for (const p of filled) {
      const c = cellsOf(p);
      if (c) needed.push(c);
    }
  if (measures.length === 0) {
    const annual = table.columns.find((c) => c.role === "realisasi");
    if (annual) {
      needed.push({ row, col: annual.col });
      allowed.push({ row, col: annual.col });
    }
  }
  const neededRealisation = [...needed];
  const targetCell = targetCellOf(table, row);
  if (targetCell) {
    needed.push(targetCell);
    allowed.push(targetCell);
  } else if (latest?.targetReading) {
    const tc = table.columns.find((x) => x.role === "target" && x.period === latest.period);
    if (tc) needed.push({ row, col: tc.col });
  }
  return { reads: formulaReads(cell.formula, sheet, row, col, allowed), needed, neededRealisation, allowed };
}

/**
 * The target for the year to date: the annual target; else from period targets — summed
 * for a kumulatif indicator, the latest filled period's for a non-kumulatif one, their
 * mean for rata-rata; else the only per-year target.
 */
function ytdTarget(annual: Target | null, typed: TypedIndicator, measures: PeriodMeasure[], aggregation: Aggregation, last: PeriodMeasure | null): Target | number | null {
  if (annual && annual.form !== "empty" && annual.form !== "dash") return annual;
  const withTarget = measures.filter((m) => isNum(m.target));
  if (withTarget.length > 0) {
    // Targets to date already add up: the latest one is the target for the year so far.
    if (aggregation === "cumulative" && withTarget.some((m) => m.targetToDate)) return withTarget[withTarget.length - 1].target as number;
    if (aggregation === "cumulative") return withTarget.reduce((s, m) => s + (m.target as number), 0);
    if (aggregation === "average") return withTarget.reduce((s, m) => s + (m.target as number), 0) / withTarget.length;
    return (last && isNum(last.target) ? last.target : withTarget[withTarget.length - 1].target) as number;
  }
  const years = Object.entries(typed.targets).filter(([k]) => /^\d{4}$/.test(k));
  if (years.length === 1) return years[0][1];
  return null;
}
