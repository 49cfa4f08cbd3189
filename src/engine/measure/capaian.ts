/**
 * Achievement (capaian) of a realisation against a target, by polarity and target form
 * (DOMAIN.md). Never capped; the formula variant used is returned with the value.
 */
import type { Polarity } from "../indicator/kind";
import type { Target } from "../indicator/target";
import { gradeForScore, gradeRank, SCALES } from "./grade-scales";

export type NegativeFormula = "inverse" | "ratio";

export type CapaianVariant =
  | "positive"
  | "negative-inverse"
  | "negative-ratio"
  | "range-inside"
  | "range-upper"
  | "range-lower"
  | "grade-score"
  | "grade-rank";

export interface Capaian {
  value: number | null;
  variant: CapaianVariant | null;
  /** Why there is no value (division by zero, no target …). */
  reason?: "no-target" | "no-realisation" | "zero-target" | "zero-realisation" | "grade-unknown" | "unreadable-realisation" | "unreadable-target";
}

export interface RealisationValue {
  value: number | null;
  grade?: string;
}

const none = (reason: Capaian["reason"]): Capaian => ({ value: null, variant: null, reason });

/** R against a plain number T. */
export function capaianAgainst(r: number, t: number, polarity: Polarity, negative: NegativeFormula = "inverse"): Capaian {
  if (polarity === "positive") {
    if (t === 0) return none("zero-target");
    return { value: (r / t) * 100, variant: "positive" };
  }
  if (negative === "ratio") {
    if (r === 0) return none("zero-realisation");
    return { value: (t / r) * 100, variant: "negative-ratio" };
  }
  if (t === 0) return none("zero-target");
  // (2T − R) / T × 100, floored at 0 (DOMAIN.md: the SKP guide's "kondisi khusus").
  return { value: Math.max(0, ((2 * t - r) / t) * 100), variant: "negative-inverse" };
}

export function capaianFor(r: RealisationValue, target: Target | number | null, polarity: Polarity, negative: NegativeFormula = "inverse"): Capaian {
  if (target === null) return none("no-target");
  if (typeof target === "number") {
    if (r.value === null) return none("no-realisation");
    return capaianAgainst(r.value, target, polarity, negative);
  }
  if (target.form === "range" && target.range) {
    if (r.value === null) return none("no-realisation");
    const { lower, upper } = target.range;
    if (r.value > upper) {
      const c = capaianAgainst(r.value, upper, polarity, negative);
      return { ...c, variant: c.value === null ? null : "range-upper" };
    }
    if (r.value < lower) {
      const c = capaianAgainst(r.value, lower, polarity, negative);
      return { ...c, variant: c.value === null ? null : "range-lower" };
    }
    return { value: 100, variant: "range-inside" };
  }
  if (target.form === "grade") {
    // Scores when both have one; else ranks on the scale.
    if (r.value !== null && target.value !== null) {
      const c = capaianAgainst(r.value, target.value, polarity, negative);
      return { ...c, variant: c.value === null ? null : "grade-score" };
    }
    const scale = target.scale ? SCALES[target.scale] : null;
    if (!scale || !target.grade) return none("grade-unknown");
    const rGrade = r.grade ?? (r.value !== null ? gradeForScore(scale, r.value) : null);
    if (!rGrade) return r.value === null ? none("no-realisation") : none("grade-unknown");
    const rr = gradeRank(scale, rGrade);
    const tr = gradeRank(scale, target.grade);
    if (rr === null || tr === null) return none("grade-unknown");
    return { value: (rr / tr) * 100, variant: "grade-rank" };
  }
  if (target.value === null) return none("no-target");
  if (r.value === null) return none("no-realisation");
  return capaianAgainst(r.value, target.value, polarity, negative);
}
