/**
 * Target cells as typed: `80%`, `100`, `4 dokumen`, `31 orang`, `B (65)`, `B(80)`,
 * `BB = 70.4`, `3,01 (-B)`, `WTP`, `Level 3`, ranges (`80–90%`, `80 s.d. 90`), words
 * (`nihil`, `-`). A number read two ways (`2.991`) is resolved by the indicator's scale
 * and the cell's number format, and the ambiguity is reported.
 */
import { isCellError, type CellValue } from "../snapshot";
import { displayText } from "../text";
import { formatHasDecimals, formatIsPercent, parseNumber, percentOf } from "./number";
import { normalizeGrade, SCALES, type ScaleId } from "../measure/grade-scales";

export type TargetForm = "empty" | "dash" | "number" | "percent" | "count" | "grade" | "range" | "word" | "unparsed";

export interface Target {
  text: string;
  form: TargetForm;
  /** The number (a percentage as 80, a grade's score) or null. */
  value: number | null;
  unit: string | null;
  grade: string | null;
  range: { lower: number; upper: number } | null;
  scale: ScaleId | null;
  /** Set when the text reads two ways: which reading was taken, the other one, and why. */
  ambiguity: Ambiguity | null;
  /** Text in the same cell after the target itself (a formula typed into the target cell). */
  overflow: string | null;
}

/**
 * A target cell that also holds other text (seed 001: `<p>B (80)</p> <p><i>Formulasi
 * Pengukuran :</i> …</p> $IKM = …$`): the first paragraph or line is the target.
 */
export function splitTargetCell(text: string): { target: string; rest: string | null } {
  const para = /^\s*<p>(.*?)<\/p>\s*([\s\S]+)$/i.exec(text);
  if (para && para[2].trim()) return { target: para[1], rest: para[2].trim() };
  const line = /^([^\n]+)\n([\s\S]+)$/.exec(text);
  if (line && line[2].trim()) return { target: line[1], rest: line[2].trim() };
  return { target: text, rest: null };
}

export interface Ambiguity {
  raw: string;
  chosen: number;
  other: number;
  reason: "scale" | "numberFormat" | "smallScale" | "thousandsDot" | "decimalComma" | "percent" | "target" | "row" | "column";
}

/** The ambiguity in words, for the report and the task pane. */
export function describeAmbiguity(a: Ambiguity, lang: "id" | "en"): string {
  const why = {
    id: {
      scale: "sesuai skala indikator",
      numberFormat: "sesuai format angka sel",
      smallScale: "skor berskala kecil",
      thousandsDot: "titik dibaca sebagai pemisah ribuan",
      decimalComma: "koma dibaca sebagai tanda desimal",
      percent: "persentase di atas 1.000 tidak masuk akal",
      target: "sesuai besaran targetnya",
      row: "sesuai besaran periode lain pada baris ini",
      column: "sesuai cara penulisan angka lain di kolom ini",
    },
    en: {
      scale: "fits the indicator's scale",
      numberFormat: "per the cell's number format",
      smallScale: "a small-scale score",
      thousandsDot: "dot read as a thousands separator",
      decimalComma: "comma read as the decimal separator",
      percent: "a percentage above 1,000 makes no sense",
      target: "the size of its target",
      row: "the size of the row's other periods",
      column: "the way the column's other numbers are typed",
    },
  }[lang][a.reason];
  return lang === "id"
    ? `"${a.raw}" dibaca ${a.chosen} (${why}), bukan ${a.other}`
    : `"${a.raw}" read as ${a.chosen} (${why}), not ${a.other}`;
}

export interface TargetContext {
  /** Scale chosen from the indicator text (grades, score ranges). */
  scale?: ScaleId | null;
  /** The indicator is a small-scale score (`Rata-rata skor …`, `Indeks …`) when no scale says more. */
  smallScale?: boolean;
  numberFormat?: string | null;
  /** The number is a percentage (`87,125%`): a reading above 1,000 is not. */
  percent?: boolean;
}

const OPINIONS = /^(WTP|WDP|TW|TMP)$/i;
const LETTER_GRADE = "(AA|BB|CC|[A-F][+-]?|-[A-F])";
const SCORE = "(-?\\d+(?:[.,]\\d+)*)";
const GRADE_WITH_SCORE = new RegExp(`^${LETTER_GRADE}\\s*(?:\\(\\s*${SCORE}\\s*\\)|=\\s*${SCORE})?$`, "i");
const SCORE_WITH_GRADE = new RegExp(`^${SCORE}\\s*\\(\\s*${LETTER_GRADE}\\s*\\)$`, "i");
const RANGE = /^(.+?)\s*(?:-|–|—|s\.?\s*d\.?|sampai(?:\s+dengan)?)\s*(.+)$/i;
const UNIT_WORDS = /^[a-z][a-z/.-]*(?:\s+[a-z][a-z/.-]*){0,2}$/i;

const base = (text: string): Target => ({
  text,
  form: "unparsed",
  value: null,
  unit: null,
  grade: null,
  range: null,
  scale: null,
  ambiguity: null,
  overflow: null,
});

function resolveNumber(
  value: number,
  alternatives: number[],
  raw: string,
  ctx: TargetContext,
): { value: number; ambiguity: Ambiguity | null } {
  if (alternatives.length === 0) return { value, ambiguity: null };
  const thousands = alternatives[0];
  const pick = (decimal: boolean, reason: Ambiguity["reason"]) => ({
    value: decimal ? value : thousands,
    ambiguity: { raw, chosen: decimal ? value : thousands, other: decimal ? thousands : value, reason },
  });
  const scale = ctx.scale ? SCALES[ctx.scale] : null;
  for (const range of [scale?.range, scale?.altRange]) {
    if (!range) continue;
    const decimalFits = value >= range[0] && value <= range[1];
    const thousandsFits = thousands >= range[0] && thousands <= range[1];
    if (decimalFits !== thousandsFits) return pick(decimalFits, "scale");
  }
  if (ctx.percent && value <= 1000 && thousands > 1000) return pick(true, "percent");
  if (formatHasDecimals(ctx.numberFormat)) return pick(true, "numberFormat");
  if (ctx.smallScale) return pick(true, "smallScale");
  // Indonesian writing: a comma is the decimal sign, a dot before three digits groups thousands.
  if (raw.includes(",")) return pick(true, "decimalComma");
  return pick(false, "thousandsDot");
}

function parseGrade(text: string, ctx: TargetContext): Target | null {
  const t = text.replace(/\s+/g, " ").trim();
  if (OPINIONS.test(t)) return { ...base(text), form: "grade", grade: t.toUpperCase(), scale: ctx.scale ?? "OPINI" };
  const level = /^(?:level|tingkat)\s*(\d)$/i.exec(t);
  if (level) return { ...base(text), form: "grade", grade: level[1], value: Number(level[1]), scale: ctx.scale ?? "SPIP" };
  let m = GRADE_WITH_SCORE.exec(t);
  let grade: string | undefined;
  let score: string | undefined;
  if (m) {
    grade = m[1];
    score = m[2] ?? m[3];
  } else if ((m = SCORE_WITH_GRADE.exec(t))) {
    score = m[1];
    grade = m[2];
  }
  if (!grade) return null;
  let value: number | null = null;
  let ambiguity: Ambiguity | null = null;
  if (score !== undefined) {
    const n = parseNumber(score);
    if (!n) return null;
    ({ value, ambiguity } = resolveNumber(n.value, n.alternatives, score, ctx));
  }
  return { ...base(text), form: "grade", grade: normalizeGrade(grade), value, scale: ctx.scale ?? null, ambiguity };
}

export function parseTarget(cell: CellValue, ctx: TargetContext = {}): Target {
  if (cell === null) return { ...base(""), form: "empty" };
  if (typeof cell === "number") {
    if (formatIsPercent(ctx.numberFormat)) {
      return { ...base(String(cell)), form: "percent", value: percentOf(cell), unit: "%", scale: ctx.scale ?? null };
    }
    return { ...base(String(cell)), form: "number", value: cell, scale: ctx.scale ?? null };
  }
  if (typeof cell === "boolean" || isCellError(cell)) return base(String(isCellError(cell) ? cell.error : cell));
  const { target, rest } = splitTargetCell(cell);
  if (rest !== null) return { ...parseTargetText(target, ctx), text: cell, overflow: rest };
  return parseTargetText(cell, ctx);
}

function parseTargetText(text: string, ctx: TargetContext): Target {
  const t = displayText(text);
  if (t === "") return { ...base(text), form: "empty" };
  if (/^[-–—]+$/.test(t)) return { ...base(text), form: "dash" };

  const grade = parseGrade(t, ctx);
  if (grade) return { ...grade, text };

  const range = RANGE.exec(t);
  if (range && !/^-/.test(t)) {
    const lo = parseNumber(range[1]);
    const hi = parseNumber(range[2]);
    if (lo && hi && lo.rest === "" && (hi.rest === "" || UNIT_WORDS.test(hi.rest)) && lo.value <= hi.value) {
      const percent = lo.percent || hi.percent;
      return {
        ...base(text),
        form: "range",
        range: { lower: lo.value, upper: hi.value },
        unit: percent ? "%" : hi.rest ? hi.rest.toLowerCase() : null,
        scale: ctx.scale ?? null,
      };
    }
  }

  const n = parseNumber(t);
  if (!n) return { ...base(text), scale: ctx.scale ?? null };
  // A count with its unit (`1.200 orang`) is not a score: the grade scale does not decide it.
  const numberCtx: TargetContext = n.rest !== "" && !n.percent ? { ...ctx, scale: null, smallScale: false } : { ...ctx, percent: n.percent };
  const { value, ambiguity } = resolveNumber(n.value, n.alternatives, t.split(/\s/)[0], numberCtx);
  const shared = { ...base(text), value, ambiguity, scale: ctx.scale ?? null };
  // `-2+3`, `1 3dokumen`: a number was found but the cell says more; nothing is computed with it.
  if (n.rest !== "" && !UNIT_WORDS.test(n.rest)) return { ...shared, form: "unparsed", value: null, ambiguity: null };
  if (n.fromWord) return { ...shared, form: "word", unit: n.percent ? "%" : n.rest ? n.rest.toLowerCase() : null };
  if (n.percent) return { ...shared, form: "percent", unit: "%" };
  if (n.rest) return { ...shared, form: "count", unit: n.rest.toLowerCase() };
  return { ...shared, form: "number" };
}

/** The JSON report's `target` object. */
export function targetJson(t: Target): { text: string; value: number | null; unit: string | null; grade: string | null } {
  return { text: t.text, value: t.value ?? (t.range ? t.range.upper : null), unit: t.unit, grade: t.grade };
}
