/**
 * The rule contract, after ESLint: each rule is one module with its `meta` (id, default
 * severity, category, description, doc page) and a `check` that looks at one evaluated
 * table and reports findings with messages in Bahasa Indonesia and English.
 */
import type { SheetSnapshot } from "../snapshot";
import type { EvaluatedIndicator, EvaluatedTable } from "../evaluate";

export type Severity = "error" | "warning" | "info";
export type Category = "definition" | "measurement";

export interface Text {
  id: string;
  en: string;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  category: Category;
  description: Text;
  /** Path of the rule's doc page, relative to the repository root. */
  docs: string;
}

/** What a rule reports; the runner adds the rule id, sheet and address. */
export interface RawFinding {
  row: number;
  col: number;
  message: Text;
  /** A severity for this finding when it differs from the rule's default (e.g. info for text numbers). */
  severity?: Severity;
  /** What to change, when there is one obvious fix. */
  suggestion?: Text;
  /** The indicator the finding is about (its first row), when it is about one. */
  indicatorRow?: number;
}

export interface TableContext {
  sheet: SheetSnapshot;
  evaluated: EvaluatedTable;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: TableContext): RawFinding[];
}

export type { EvaluatedIndicator };
