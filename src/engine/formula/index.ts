/**
 * The formula column, read: `parseFormula(text, indicatorName)` returns either an
 * expression over named variables or a classification of text that computes nothing,
 * plus the fields the text states (Tipe Penghitungan, Sumber data, …).
 *
 * Order of attempts: LaTeX segments (the precise formula when a cell has both prose and
 * math), then a `Cara Hitung` / `Rumus` / `Formulasi Pengukuran` field, then the text
 * before any label, then the whole prose. The first that reads as a computation wins.
 */
import { computes, normalize, variablesOf, type Expr } from "./ast";
import { classifyText, type NonComputingClass } from "./classify";
import { splitFormulaText, tipePenghitungan, type FormulaParts } from "./fields";
import { parseLatex, FormulaSyntaxError } from "./latex";
import { parseProse } from "./prose";
import { printCanonical, printLetters } from "./print";
import { evaluate } from "./evaluate";
import { STRAY_ROW_NUMBER } from "../vocab";

export type FormulaClass = "expression" | NonComputingClass;

export interface ParsedFormula {
  text: string;
  cls: FormulaClass;
  /** The computation, normalised (`[A] / [B] * 100` shape), when cls is "expression". */
  expr: Expr | null;
  /** Left-hand side name (`IKM`, `Nilai SAKIP`) when the text states one. */
  lhs: string | null;
  /** Where the expression came from. */
  source: "latex" | "prose" | null;
  /** For a count: what is counted. */
  countObject: string | null;
  /** `Tipe Penghitungan` as written (`Non kumulatif`, `Kumulatif`, `komulatif`), if stated. */
  tipe: string | null;
  sumberData: string | null;
  parts: FormulaParts;
}

function tryLatex(src: string): { expr: Expr; lhs: string | null } | null {
  try {
    const r = parseLatex(src);
    return computes(r.expr) ? r : null;
  } catch (e) {
    if (e instanceof FormulaSyntaxError) return null;
    throw e;
  }
}

function tryProse(src: string): { expr: Expr; lhs: string | null } | null {
  if (!src.trim()) return null;
  // `x = …`, `IKM = …`: the last right-hand side that computes is the formula.
  const sides = src.split(/\s=\s|^=\s*|\s=$/).map((s) => s.trim()).filter(Boolean);
  for (let k = sides.length > 1 ? 1 : 0; k < sides.length; k++) {
    try {
      const expr = parseProse(sides[k]);
      if (computes(expr)) return { expr, lhs: k > 0 ? sides[k - 1] : null };
    } catch (e) {
      if (!(e instanceof FormulaSyntaxError)) throw e;
    }
  }
  return null;
}

/** Words of a text, lower-case, for overlap scores. */
const STOP = new Set(["dan", "yang", "untuk", "dengan", "dari", "pada", "dalam", "atau", "oleh", "serta", "terhadap"]);

function wordSet(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2 && !STOP.has(w)));
}

function overlap(a: string, b: string): number {
  const wa = wordSet(a);
  let n = 0;
  for (const w of wordSet(b)) if (wa.has(w)) n++;
  return n;
}

/**
 * A math segment with constants only (`$1 \times 100\%$` after a prose fraction) is the
 * prose formula's scale, not a formula of its own: fold it into the prose.
 */
function foldConstantMath(text: string): string {
  return text.replace(/\$([^$]*)\$/g, (whole, body: string) => {
    try {
      const { expr } = parseLatex(body);
      if (variablesOf(expr).length > 0) return whole;
      const value = evaluate(expr, () => 0);
      if (value === null) return whole;
      return value === 100 ? " dikali 100 persen " : ` ${value} `;
    } catch (e) {
      if (e instanceof FormulaSyntaxError) return whole;
      throw e;
    }
  });
}


/** Parsed formulas by (text, name): sheets repeat them. The result is shared: read-only. */
const parsedMemo = new Map<string, ParsedFormula>();

export function parseFormula(text: string, indicatorName = ""): ParsedFormula {
  const key = `${indicatorName}\u0000${text}`;
  const hit = parsedMemo.get(key);
  if (hit) return hit;
  const parsed = parseFormulaUncached(text, indicatorName);
  if (parsedMemo.size > 20_000) parsedMemo.clear();
  if (key.length <= 4_000) parsedMemo.set(key, parsed);
  return parsed;
}

function parseFormulaUncached(text: string, indicatorName: string): ParsedFormula {
  const parts = splitFormulaText(foldConstantMath(text.replace(STRAY_ROW_NUMBER, "")));
  // A cell may define several indicators: the Cara Hitung that shares most words with the name first.
  const score = (t: string): number => {
    const n = overlap(t, indicatorName);
    return n >= 2 ? n : 0;
  };
  const caraHitung = [...(parts.fieldsAll.caraHitung ?? [])].sort((a, b) => score(b) - score(a));
  const base = {
    text,
    tipe: tipePenghitungan(parts),
    sumberData: parts.fields.sumber ?? null,
    parts,
  };
  for (const seg of parts.latex) {
    const r = tryLatex(seg);
    if (r) return { ...base, cls: "expression", expr: normalize(r.expr), lhs: r.lhs, source: "latex", countObject: null };
  }
  const proseCandidates = [
    ...caraHitung,
    parts.fields.rumus,
    parts.fields.formulasi,
    parts.lead,
    Object.keys(parts.fields).length ? undefined : parts.prose,
  ];
  for (const cand of proseCandidates) {
    if (!cand) continue;
    const r = tryProse(cand);
    if (r) return { ...base, cls: "expression", expr: normalize(r.expr), lhs: r.lhs, source: "prose", countObject: null };
  }
  // Nothing computes: classify the most specific text; of `X = Y`, the definition Y.
  const described =
    caraHitung[0] ??
    parts.fields.rumus ??
    (parts.lead || parts.fields.formulasi || parts.fields.makna || parts.fields.definisi || parts.prose);
  const definition = (described ?? "").split(/\s=\s/).pop() ?? "";
  // Math that did not read as a formula is still text that is there: a description.
  if (definition.trim() === "" && parts.latex.some((l) => l.trim() !== "")) {
    return { ...base, cls: "description", expr: null, lhs: null, source: null, countObject: null };
  }
  const c = classifyText(definition, indicatorName.replace(STRAY_ROW_NUMBER, ""));
  return { ...base, cls: c.cls, expr: null, lhs: null, source: null, countObject: c.object ?? null };
}

/** The JSON report's `formula` object. */
export function formulaJson(p: ParsedFormula): { text: string; expression: string | null; variables: Record<string, string> } {
  if (p.expr) return { text: p.text, ...printLetters(p.expr) };
  if (p.cls === "count" && p.countObject !== null) {
    return { text: p.text, expression: "A", variables: { A: p.text.trim() } };
  }
  return { text: p.text, expression: null, variables: {} };
}

export { printCanonical, printLetters, variablesOf };
export type { Expr };
