/**
 * The rule registry and runner: every rule of the catalogue, severities configurable,
 * rules switchable off, findings with A1 addresses and messages in both languages.
 */
import { cellAddress } from "../address";
import type { SheetEvaluation } from "../evaluate";
import type { Rule, Severity, Text } from "./types";
import { pctWithoutRatio } from "./pct-without-ratio";
import { countWithRatio } from "./count-with-ratio";
import { targetUnitMismatch } from "./target-unit-mismatch";
import { formulaMissing } from "./formula-missing";
import { formulaRestatesIndicator } from "./formula-restates-indicator";
import { indicatorVague } from "./indicator-vague";
import { formulaIndicatorMismatch } from "./formula-indicator-mismatch";
import { rowShiftSuspected } from "./row-shift-suspected";
import { ratioMissingScale } from "./ratio-missing-scale";
import { targetMissing } from "./target-missing";
import { targetUnparsed } from "./target-unparsed";
import { gradeScoreMismatch } from "./grade-score-mismatch";
import { sourceMissing } from "./source-missing";
import { numbering } from "./numbering";
import { duplicateIndicator } from "./duplicate-indicator";
import { realisasiNotNumeric } from "./realisasi-not-numeric";
import { realisasiOutOfRange } from "./realisasi-out-of-range";
import { cumulativeDecrease } from "./cumulative-decrease";
import { capaianMismatch } from "./capaian-mismatch";
import { realisasiComponentsMismatch } from "./realisasi-components-mismatch";
import { divisionByZero } from "./division-by-zero";
import { realisasiGap } from "./realisasi-gap";
import { periodTargetsInconsistent } from "./period-targets-inconsistent";
import { periodValuesInconsistent } from "./period-values-inconsistent";
import { totalRowMismatch } from "./total-row-mismatch";
import { numberStoredAsText } from "./number-stored-as-text";
import { percentScaleMixed } from "./percent-scale-mixed";
import { categoryMismatch } from "./category-mismatch";
import { layoutUncertain } from "./layout-uncertain";

export const RULES: readonly Rule[] = [
  pctWithoutRatio,
  countWithRatio,
  targetUnitMismatch,
  formulaMissing,
  formulaRestatesIndicator,
  indicatorVague,
  formulaIndicatorMismatch,
  rowShiftSuspected,
  ratioMissingScale,
  targetMissing,
  targetUnparsed,
  gradeScoreMismatch,
  sourceMissing,
  numbering,
  duplicateIndicator,
  realisasiNotNumeric,
  realisasiOutOfRange,
  cumulativeDecrease,
  capaianMismatch,
  realisasiComponentsMismatch,
  divisionByZero,
  realisasiGap,
  periodTargetsInconsistent,
  periodValuesInconsistent,
  totalRowMismatch,
  numberStoredAsText,
  percentScaleMixed,
  categoryMismatch,
  layoutUncertain,
];

export interface RuleConfig {
  /** Severity per rule id, or "off". */
  rules?: Record<string, Severity | "off">;
  /** Findings the user chose to ignore, by `rule@sheet!cell`. */
  ignored?: readonly string[];
}

export interface EngineFinding {
  rule: string;
  severity: Severity;
  sheet: string;
  cell: string;
  row: number;
  col: number;
  /** The indicator's first row, when the finding is about an indicator. */
  indicatorRow: number | null;
  messages: Text;
  suggestion: Text | null;
}

export function findingKey(f: { rule: string; sheet: string; cell: string }): string {
  return `${f.rule}@${f.sheet}!${f.cell}`;
}

export function runRules(evaluation: SheetEvaluation, config: RuleConfig = {}): EngineFinding[] {
  const ignored = new Set(config.ignored ?? []);
  const out: EngineFinding[] = [];
  for (const evaluated of evaluation.tables) {
    for (const rule of RULES) {
      const setting = config.rules?.[rule.meta.id];
      if (setting === "off") continue;
      for (const raw of rule.check({ sheet: evaluation.sheet, evaluated })) {
        const f: EngineFinding = {
          rule: rule.meta.id,
          // A configured severity wins; else the finding's own (info for text numbers), else the rule's.
          severity: setting ?? raw.severity ?? rule.meta.severity,
          sheet: evaluation.sheet.name,
          cell: cellAddress(raw.row, raw.col),
          row: raw.row,
          col: raw.col,
          indicatorRow: raw.indicatorRow ?? null,
          messages: raw.message,
          suggestion: raw.suggestion ?? null,
        };
        if (!ignored.has(findingKey(f))) out.push(f);
      }
    }
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col || a.rule.localeCompare(b.rule));
}

export type { Rule, Severity, Text };
