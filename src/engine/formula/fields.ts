/**
 * Splits a formula cell into its parts: LaTeX segments (`$…$`), the prose around them
 * with HTML removed, and labelled fields (`Formulasi Pengukuran :`, `Tipe Penghitungan :`,
 * `Sumber data:`, `Cara Hitung :`, `Makna Indikator :` …) as seed 001's HTML wrappers and
 * seed 004's definition cells write them.
 */
import { squash, stripMarkup } from "../text";

export type FieldName =
  | "formulasi"
  | "tipe"
  | "sumber"
  | "caraHitung"
  | "makna"
  | "alasan"
  | "definisi"
  | "rumus";

export interface FormulaParts {
  /** LaTeX math segments, without the dollar signs, in order. */
  latex: string[];
  /** The text outside the math, markup removed, single-spaced. */
  prose: string;
  /** Labelled fields found in the prose (first occurrence of each). */
  fields: Partial<Record<FieldName, string>>;
  /** Every occurrence of each field, in order (a cell may define several indicators). */
  fieldsAll: Partial<Record<FieldName, string[]>>;
  /** The prose before the first label (the whole prose when there is none). */
  lead: string;
}

/** Marks a line break of the cell (a wrapped row joined to its indicator) through squashing. */
export const LINE = "\uE000";

/** Cuts text that leaked in from a neighbouring column on a new line (`Sub Bagian …`). */
export function cutLeak(text: string): string {
  const parts = text.split(LINE);
  const keep: string[] = [];
  for (const p of parts) {
    if (keep.length && /^\s*(sub\s*bag(ian)?|kepala\s+(sub\s+)?bagian|kabag|kasubb?a?g?|bagian\s+[a-z])/i.test(p)) break;
    keep.push(p);
  }
  return keep.join(" ").replace(/\s+/g, " ").trim();
}

const LABELS: [RegExp, FieldName][] = [
  [/formulasi pengukuran/i, "formulasi"],
  [/tipe peng?hitungan/i, "tipe"],
  [/sumber data/i, "sumber"],
  [/cara (?:per)?hitung(?:an)?|perhitungan atau penjelasan/i, "caraHitung"],
  [/makna(?: indikator)?/i, "makna"],
  [/(?:alasan|asas(?:as)?|asas,)\s*(?:pemilihan|pemulihan)(?: indikator)?|alasan pemilihan|asas, pemilihan indikator/i, "alasan"],
  [/definisi operasional/i, "definisi"],
  [/rumus/i, "rumus"],
];

const LABEL_RE = new RegExp(
  `(${LABELS.map(([re]) => re.source).join("|")})\\s*[:=]`,
  "gi",
);

export const MATH_PLACEHOLDER = "\u2063";

export function splitFormulaText(text: string): FormulaParts {
  const latex: string[] = [];
  const withoutMath = text.replace(/\$([^$]*)\$/g, (_m, body: string) => {
    latex.push(body);
    return ` ${MATH_PLACEHOLDER} `;
  });
  const prose = squash(stripMarkup(withoutMath.replace(/\n/g, ` ${LINE} `)));
  const fields: Partial<Record<FieldName, string>> = {};
  const fieldsAll: Partial<Record<FieldName, string[]>> = {};
  const marks: { index: number; end: number; field: FieldName }[] = [];
  for (const m of prose.matchAll(LABEL_RE)) {
    const label = m[1];
    const field = LABELS.find(([re]) => new RegExp(`^(?:${re.source})$`, "i").test(label.trim()))?.[1];
    if (field && m.index !== undefined) marks.push({ index: m.index, end: m.index + m[0].length, field });
  }
  marks.forEach((mark, i) => {
    const next = marks[i + 1]?.index ?? prose.length;
    const raw = prose.slice(mark.end, next).replace(new RegExp(MATH_PLACEHOLDER, "g"), " ");
    const value = cutLeak(squash(raw).replace(/^[:=\s]+/, "").replace(new RegExp(`^${LINE}\\s*|\\s*${LINE}$`, "g"), ""));
    if (fields[mark.field] === undefined) fields[mark.field] = value;
    (fieldsAll[mark.field] ??= []).push(value);
  });
  const clean = (t: string): string => cutLeak(squash(t.replace(new RegExp(MATH_PLACEHOLDER, "g"), " ")));
  const lead = clean(marks.length ? prose.slice(0, marks[0].index) : prose);
  return { latex, prose: clean(prose), fields, fieldsAll, lead };
}

/** `Non kumulatif`, `Kumulatif`, `komulatif` … as written, or null. */
export function tipePenghitungan(parts: FormulaParts): string | null {
  const t = parts.fields.tipe;
  if (!t) return null;
  const m = /^(non[\s-]*k[ou]mulatif|k[ou]mulatif|nilai akhir|rata[\s-]*rata)/i.exec(t);
  return m ? m[1] : squash(t);
}
