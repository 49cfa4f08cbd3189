import type { Rule } from "./types";
import { fmt, fmtId, q, text } from "./helpers";
import { gradeForScore, SCALES } from "../measure/grade-scales";

/** A target grade that disagrees with its own score on the indicator's scale. */
export const gradeScoreMismatch: Rule = {
  meta: {
    id: "grade-score-mismatch",
    severity: "error",
    category: "definition",
    description: text("Predikat target tidak sesuai dengan nilainya.", "The target grade disagrees with its score."),
    docs: "docs/rules/grade-score-mismatch.md",
  },
  check({ evaluated }) {
    const cols = evaluated.table.columns.filter((c) => c.role === "target");
    return evaluated.indicators.flatMap((ind) =>
      cols.flatMap((c) => {
        const t = ind.typed.targets[c.period ?? "Tahunan"];
        if (!t || t.form !== "grade" || t.value === null || !t.grade || !t.scale) return [];
        const scale = SCALES[t.scale];
        const expected = gradeForScore(scale, t.value);
        if (expected === null || expected === t.grade) return [];
        return [
          {
            row: ind.typed.row.row,
            col: c.col,
            indicatorRow: ind.typed.row.row,
            message: text(
              `Target ${q(t.text)}: pada skala ${scale.name}, nilai ${fmtId(t.value)} berpredikat ${expected}, bukan ${t.grade}.`,
              `Target ${q(t.text)}: on the ${scale.name} scale, a score of ${fmt(t.value)} is ${expected}, not ${t.grade}.`,
            ),
          },
        ];
      }),
    );
  },
};
