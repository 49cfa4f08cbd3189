/**
 * The quarter-end numbers of one indicator: realisation per period and year to date,
 * target, capaian and its class — the figures a Kepala signs — plus the sheet's own
 * capaian cell for comparison, and component evaluation when the formula's variables
 * have rows of their own under the indicator.
 */
import { formulaAt, numberFormatAt, valueAt, type SheetSnapshot } from "../snapshot";
import type { RecognizedTable } from "../recognize";
import type { TypedIndicator } from "../indicator";
import type { Aggregation, IndicatorKind, Polarity } from "../indicator/kind";
import type { Target } from "../indicator/target";
import { readCell, type CellReading } from "./values";
import { capaianFor, type Capaian, type NegativeFormula } from "./capaian";
import { classify, type Band, type BandSetId } from "./classes";
import { annualCapaianColumn, tablePeriods } from "./periods";
import { evaluate } from "../formula/evaluate";
import { variableKey } from "../formula/ast";

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

export interface Measurement {
  periods: PeriodMeasure[];
  aggregation: Aggregation;
  polarity: Polarity;
  negativeFormula: NegativeFormula;
  runningTotals: boolean;
  /** Year-to-date realisation after aggregation. */
  realisasi: number | null;
  /** The target the YTD capaian is measured against (a number, or the parsed annual target). */
  target: Target | number | null;
  capaian: Capaian;
  cls: Band | null;
  /** The last period with a value. */
  lastPeriod: string | null;
  /** The sheet's own capaian cell for the year, as typed or computed by a native formula. */
  capaianCell: { row: number; col: number; reading: CellReading; formula: string | null } | null;
  /** Component rows (formula variables with rows of their own) by variable name. */
  components: { name: string; row: number }[];
}

const isNum = (v: number | null): v is number => v !== null && Number.isFinite(v);

export function measureIndicator(
  sheet: SheetSnapshot,
  table: RecognizedTable,
  typed: TypedIndicator,
  overrides: RowOverrides = {},
  options: MeasureOptions = {},
  componentRows: { name: string; row: number }[] = [],
): Measurement {
  const row = typed.row.row;
  const polarity = overrides.polarity ?? typed.type.polarity;
  const aggregation = overrides.aggregation ?? typed.type.aggregation;
  const kind = overrides.kind ?? typed.type.kind;
  const negative = overrides.negativeFormula ?? options.negativeFormula ?? "inverse";
  const percentScale = kind === "percentage" || kind === "timeliness";
  const bandSet = options.bandSet ?? "permendagri86";

  const periods = tablePeriods(table);
  const expr = typed.formula.expr;
  const measures: PeriodMeasure[] = [];
  let previousStated: number | null = null;
  let ownToDate = 0;
  for (const p of periods) {
    const col = p.realisasi?.col ?? null;
    const reading = col === null ? null : readCell(valueAt(sheet, row, col), numberFormatAt(sheet, row, col), percentScale);
    const stated = reading?.value ?? null;
    let own: number | null = stated;
    if (p.realisasi?.runningTotal && isNum(stated)) {
      own = previousStated === null ? stated : stated - previousStated;
      previousStated = stated;
    }
    if (isNum(own)) ownToDate += own;
    const targetToDate = p.target?.runningTotal ?? false;
    const targetReading = p.target ? readCell(valueAt(sheet, row, p.target.col), numberFormatAt(sheet, row, p.target.col), percentScale) : null;
    const periodTarget = targetReading?.value ?? null;
    let capaian: Capaian = { value: null, variant: null, reason: "no-target" };
    if (isNum(periodTarget)) {
      // A kumulatif quarter: its own value against its own target, or the realisation to
      // date against a target to date (`Target s.d. TW II`).
      const toDate = p.realisasi?.runningTotal ? stated : ownToDate;
      const r = aggregation !== "cumulative" ? stated : targetToDate ? toDate : own;
      capaian = capaianFor({ value: r }, periodTarget, polarity, negative);
    } else if (aggregation !== "cumulative" && typed.target) {
      capaian = capaianFor({ value: stated, grade: reading?.grade }, typed.target, polarity, negative);
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
  let realisasi: number | null = null;
  if (filled.length > 0) {
    if (aggregation === "cumulative") realisasi = runningTotals ? filled[filled.length - 1].stated : filled.reduce((s, m) => s + (m.own as number), 0);
    else if (aggregation === "average") realisasi = filled.reduce((s, m) => s + (m.stated as number), 0) / filled.length;
    else realisasi = last?.stated ?? null;
  }
  // A realisation written in a single annual column (no periods).
  if (periods.length === 0) {
    const annual = table.columns.find((c) => c.role === "realisasi");
    if (annual) {
      const reading = readCell(valueAt(sheet, row, annual.col), numberFormatAt(sheet, row, annual.col), percentScale);
      realisasi = reading.value;
    }
  }

  const target = ytdTarget(typed, measures, aggregation, last);
  const lastGrade = last?.reading?.grade;
  const capaian = target === null ? { value: null, variant: null, reason: "no-target" as const } : capaianFor({ value: realisasi, grade: lastGrade }, target, polarity, negative);

  const capCol = annualCapaianColumn(table);
  const capaianCell = capCol
    ? {
        row,
        col: capCol.col,
        reading: readCell(valueAt(sheet, row, capCol.col), numberFormatAt(sheet, row, capCol.col), true),
        formula: formulaAt(sheet, row, capCol.col),
      }
    : null;

  return {
    periods: measures,
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
    components: componentRows,
  };
}

/**
 * The target for the year to date: the annual target; else from period targets — summed
 * for a kumulatif indicator, the latest filled period's for a non-kumulatif one, their
 * mean for rata-rata; else the only per-year target.
 */
function ytdTarget(typed: TypedIndicator, measures: PeriodMeasure[], aggregation: Aggregation, last: PeriodMeasure | null): Target | number | null {
  if (typed.target && typed.target.form !== "empty" && typed.target.form !== "dash") return typed.target;
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
