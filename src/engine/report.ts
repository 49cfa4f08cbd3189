/**
 * The report: recognised tables and their indicators in the shape of the CLI's JSON
 * contract (PRODUCT.md §8, version 1). Fields owned by later stages (typing,
 * measurement, rules) are null or empty until those stages fill them.
 */
import { columnLetters, rangeAddress } from "./address";
import type { SheetSnapshot, WorkbookSnapshot } from "./snapshot";
import type { RecognizedTable, TableColumn } from "./recognize";
import { evaluateSheet, type EvaluatedIndicator, type EvaluationSettings, type SheetEvaluation } from "./evaluate";
import { targetJson } from "./indicator/target";
import { formulaJson } from "./formula";
import { capaianFormulaFor, type NativeFormula } from "./measure/native";
import { runRules, type EngineFinding, type RuleConfig } from "./rules";

export type ColumnRef = string | Record<string, string>;

export interface ColumnEntry {
  letter: string;
  role: string;
  period: string | null;
  runningTotal: boolean;
  header: string;
}

export interface IndicatorReport {
  row: number;
  no: string | null;
  sasaran: string | null;
  name: string;
  type: string | null;
  unit: string | null;
  polarity: string | null;
  aggregation: string | null;
  target: null | TargetJson;
  /** Every target column's target by period (multi-year IKU tables, quarterly targets). */
  targets: Record<string, TargetJson>;
  formula: null | {
    text: string;
    expression: string | null;
    variables: Record<string, string>;
    /** expression | count | restated | timeliness | external | description | empty */
    class: string;
    tipe: string | null;
  };
  /** Why the engine typed the row so: evidence per decision. */
  evidence: {
    kindByName: string | null;
    kindByFormula: string | null;
    kind: { source: string; text: string }[];
    unit: { source: string; text: string } | null;
    polarity: { source: string; text: string };
    aggregation: { source: string; text: string };
    scale: string | null;
    /** How cells that read more than one way were read (`1.250` as 1250, 0,9 as 90 %), and why (added field). */
    readings: { cell: string; text: string; value: number; reading: "text-two-ways" | "fraction-as-percent"; reason: string | null }[];
  };
  periods: { period: string; target: number | null; realisasi: number | null; capaian: number | null; class: string | null }[];
  realisasi: number | null;
  capaian: number | null;
  /** How the YTD capaian was computed and its class (added fields). */
  measurement: {
    aggregation: string;
    polarity: string;
    variant: string | null;
    reason: string | null;
    class: string | null;
    lastPeriod: string | null;
    target: number | null;
    components: { name: string; row: number }[];
    /** The YTD capaian as a native Excel formula over the sheet's cells, or null (see nativeFormulaReason). */
    nativeFormula: string | null;
    nativeFormulaReason: string | null;
  };
}

export interface TargetJson {
  text: string;
  value: number | null;
  unit: string | null;
  grade: string | null;
}

export interface TableReport {
  kind: string;
  headerRange: string;
  dataRange: string;
  meta: { jabatan: string | null; perangkatDaerah: string | null; unit: string | null };
  columns: Record<string, ColumnRef>;
  /** Every recognised column in order, for readers that want more than one column per role. */
  allColumns: ColumnEntry[];
  runningTotals: boolean;
  indicators: IndicatorReport[];
}

export interface SheetReport {
  name: string;
  tables: TableReport[];
}

export interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  sheet: string;
  cell: string;
  row: number;
  /** In the report's language (Bahasa Indonesia by default). */
  message: string;
  /** Added fields: the message in both languages, a suggested fix, the indicator's first row. */
  messages: { id: string; en: string };
  suggestion: { id: string; en: string } | null;
  indicatorRow: number | null;
}

export interface CheckOptions extends EvaluationSettings, RuleConfig {
  lang?: "id" | "en";
}

export interface WorkbookReport {
  sheets: SheetReport[];
  findings: Finding[];
}

export function checkWorkbook(workbook: WorkbookSnapshot, options: CheckOptions = {}): WorkbookReport {
  const sheets: SheetReport[] = [];
  const findings: Finding[] = [];
  for (const sheet of workbook.sheets) {
    const evaluation = evaluateSheet(sheet, options);
    sheets.push(reportEvaluation(evaluation));
    findings.push(...runRules(evaluation, options).map((f) => findingJson(f, options.lang ?? "id")));
  }
  return { sheets, findings };
}

export function findingJson(f: EngineFinding, lang: "id" | "en"): Finding {
  return {
    rule: f.rule,
    severity: f.severity,
    sheet: f.sheet,
    cell: f.cell,
    row: f.row,
    message: f.messages[lang],
    messages: f.messages,
    suggestion: f.suggestion,
    indicatorRow: f.indicatorRow,
  };
}

export function reportSheet(sheet: SheetSnapshot, settings: EvaluationSettings = {}): SheetReport {
  return reportEvaluation(evaluateSheet(sheet, settings));
}

/** The report of an evaluation (a full one, or one updated incrementally). */
export function reportEvaluation(evaluation: SheetEvaluation): SheetReport {
  const sheet = evaluation.sheet;
  return {
    name: sheet.name,
    tables: evaluation.tables.map((t) => reportTable(sheet, t.table, t.indicators)),
  };
}

/** Rounds for the report so that 0.1 + 0.2 prints as 0.3; the engine keeps full precision. */
function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e9) / 1e9;
}

/** Roles whose columns are per period (a map period → letter unless one annual column). */
const PERIODIC = new Set(["target", "realisasi", "capaian"]);

/** The column the engine reads for a role: the rightmost Sasaran (the most specific), else the first. */
function primary(columns: readonly TableColumn[], role: string): TableColumn | undefined {
  const of = columns.filter((c) => c.role === role);
  return role === "sasaran" ? of[of.length - 1] : of[0];
}

export function columnsJson(columns: readonly TableColumn[]): Record<string, ColumnRef> {
  const out: Record<string, ColumnRef> = {};
  const roles = [...new Set(columns.map((c) => c.role))];
  for (const role of roles) {
    const of = columns.filter((c) => c.role === role);
    const single = of.length === 1 && (of[0].period === null || of[0].period === "Tahunan");
    if (PERIODIC.has(role) && !single) {
      const map: Record<string, string> = {};
      for (const c of of) map[c.period ?? "Tahunan"] ??= columnLetters(c.col);
      out[role] = map;
    } else {
      const c = primary(columns, role);
      if (c) out[role] = columnLetters(c.col);
    }
  }
  return out;
}

function indicatorJson(evaluated: EvaluatedIndicator, hasFormulaColumn: boolean, native: NativeFormula): IndicatorReport {
  const { typed, measurement: m } = evaluated;
  const { row: i, type, formula } = typed;
  const targets: Record<string, TargetJson> = {};
  for (const [period, t] of Object.entries(typed.targets)) targets[period] = targetJson(t);
  return {
    row: i.row,
    no: i.no,
    sasaran: i.sasaran,
    name: i.name,
    type: type.kind,
    unit: type.unit,
    polarity: type.polarity,
    aggregation: type.aggregation,
    target: typed.target ? targetJson(typed.target) : null,
    targets,
    // null only when the table has no formula column (and the target cell held none).
    formula: hasFormulaColumn || typed.formulaFromTarget ? { ...formulaJson(formula), class: formula.cls, tipe: formula.tipe } : null,
    evidence: {
      kindByName: type.kindByName,
      kindByFormula: type.kindByFormula,
      kind: type.kindEvidence,
      unit: type.unitEvidence,
      polarity: type.polarityEvidence,
      aggregation: type.aggregationEvidence,
      scale: type.scale,
      readings: readingsJson(evaluated),
    },
    periods: m.periods.map((p) => ({
      period: p.period,
      target: round(p.target),
      realisasi: round(p.stated),
      capaian: round(p.capaian.value),
      class: p.cls?.id ?? null,
    })),
    realisasi: round(m.realisasi),
    capaian: round(m.capaian.value),
    measurement: {
      aggregation: m.aggregation,
      polarity: m.polarity,
      variant: m.capaian.variant,
      reason: m.capaian.reason ?? null,
      class: m.cls?.id ?? null,
      lastPeriod: m.lastPeriod,
      target: typeof m.target === "number" ? round(m.target) : round(m.target?.value ?? null),
      components: m.components,
      nativeFormula: native.formula,
      nativeFormulaReason: native.reason ?? null,
    },
  };
}

/** The readings of an indicator's cells that were decided one way among two. */
function readingsJson(evaluated: EvaluatedIndicator): IndicatorReport["evidence"]["readings"] {
  const { typed, measurement: m } = evaluated;
  const out: IndicatorReport["evidence"]["readings"] = [];
  const row = typed.row.row;
  const add = (col: number | null, r: { text: string; value: number | null; ambiguity?: { reason: string }; fractionScaled?: boolean } | null): void => {
    if (col === null || !r || r.value === null) return;
    if (r.ambiguity) out.push({ cell: `${columnLetters(col)}${row}`, text: r.text, value: r.value, reading: "text-two-ways", reason: r.ambiguity.reason });
    else if (r.fractionScaled) out.push({ cell: `${columnLetters(col)}${row}`, text: r.text, value: r.value, reading: "fraction-as-percent", reason: null });
  };
  for (const p of m.periods) add(p.col, p.reading);
  for (const s of m.summaries) add(s.col, s.reading);
  if (m.capaianCell) add(m.capaianCell.col, m.capaianCell.reading);
  if (m.scaledTarget) out.push({ cell: `${columnLetters(m.scaledTarget.col)}${row}`, text: String(m.scaledTarget.from), value: m.scaledTarget.to, reading: "fraction-as-percent", reason: null });
  return out;
}

function reportTable(sheet: SheetSnapshot, t: RecognizedTable, evaluated: EvaluatedIndicator[]): TableReport {
  return {
    kind: t.kind,
    headerRange: rangeAddress(t.headerTop, t.left, t.headerBottom, t.right),
    dataRange: rangeAddress(t.firstDataRow, t.left, t.lastDataRow, t.right),
    meta: { ...t.meta },
    columns: columnsJson(t.columns),
    allColumns: t.columns.map((c) => ({
      letter: columnLetters(c.col),
      role: c.role,
      period: c.period,
      runningTotal: c.runningTotal,
      header: c.header,
    })),
    runningTotals: t.runningTotals,
    indicators: evaluated.map((e) => indicatorJson(e, t.columns.some((c) => c.role === "formula"), capaianFormulaFor(sheet, t, e))),
  };
}
