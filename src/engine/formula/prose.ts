/**
 * Indonesian prose → expression. The text is cut at operator words (`dibagi (dengan)`,
 * `di bagi`, `dibandingkan (dengan)`, `dikali(kan)`, `di kali`, `x`, `:` …); what lies
 * between them are the noun phrases (variables) or constants (`100 persen`, `seratus
 * persen`). Parentheses group only when they hold an operator; otherwise they belong to
 * the phrase (`(maksimal 1 bulan …)`). Also reads the canonical printed form
 * (`[A] / [B] * 100`, `SUM(…)`, `AVG(…)`), so printing and re-parsing round-trips.
 */
import { agg, bin, num, variable, type AggregateFn, type BinaryOp, type Expr } from "./ast";
import { cleanPhrase, FormulaSyntaxError } from "./latex";
import { squash } from "../text";
import { formulaNumber } from "../indicator/number";

type Tok =
  | { t: "op"; v: BinaryOp; slash?: boolean }
  | { t: "lp" }
  | { t: "rp" }
  | { t: "agg"; v: AggregateFn }
  | { t: "chunk"; v: string }
  | { t: "var"; v: string };

const OPERATORS: [RegExp, BinaryOp][] = [
  // `dibagi sesuai dengan bidang …` splits things up; it does not divide.
  [/\b(?:dibagi|di bagi|dibandingkan|di bandingkan|berbanding)(?!\s+(?:sesuai|menurut|berdasarkan|ke|kepada|menjadi|dalam|atas)\b)(?:\s+dengan)?\b/iy, "/"],
  [/\b(?:dikalikan|dikali|di kali)(?:\s+dengan)?\b|\bkali(?=\s+(?:\d|seratus))/iy, "*"],
  [/\b(?:ditambah(?:kan)?|di tambah)(?:\s+dengan)?\b/iy, "+"],
  [/\b(?:dikurangi|dikurangkan|di kurangi)(?:\s+dengan)?\b/iy, "-"],
  [/(?<=^|\s|\))[x×](?=\s|\d|\(|$)/iy, "*"],
  [/\s[*]\s|[×]/y, "*"],
  [/\s\/\s|÷/y, "/"],
  // `a + b`, `E-tendering+ E-Purchasing`; not the `+1` of `tahun n+1`.
  [/\s*\+(?=\s|[^\d\s])\s*/y, "+"],
  [/\s[-–]\s/y, "-"], // a loose minus: see looseOperatorsAsText
  [/\s:\s?(?=\S)/y, "/"],
];

/** `100`, `100%`, `100 %`, `100 persen`, `seratus persen`, `0,5` → the number. */
function constant(chunk: string): number | null {
  const t = chunk.trim().toLowerCase();
  const m = /^(\d+(?:[.,]\d+)*)\s*(?:%|persen|prosen)?\.?$/.exec(t);
  if (m) return formulaNumber(m[1]);
  if (/^seratus(?:\s*(?:%|persen))?$/.test(t)) return 100;
  // A count with its unit noun (`8 Kecamatan`, `12 bulan`) divides or multiplies as its number.
  const counted = /^(\d+(?:[.,]\d+)*)\s+([a-z]+)$/.exec(t);
  if (counted && !/^(persen|kali)$/.test(counted[2])) return formulaNumber(counted[1]);
  return null;
}

function tokenize(text: string): Tok[] {
  const toks: Tok[] = [];
  let chunk = "";
  let i = 0;
  const flush = (): void => {
    if (chunk.trim()) toks.push({ t: "chunk", v: chunk });
    chunk = "";
  };
  outer: while (i < text.length) {
    const ch = text[i];
    if (ch === "[") {
      const end = text.indexOf("]", i);
      if (end > i) {
        flush();
        toks.push({ t: "var", v: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const aggM = /^(SUM|AVG)\(/.exec(text.slice(i));
    if (aggM && chunk.trim() === "") {
      flush();
      toks.push({ t: "agg", v: aggM[1] as AggregateFn });
      toks.push({ t: "lp" });
      i += aggM[0].length;
      continue;
    }
    if (ch === "(" || ch === ")") {
      flush();
      toks.push(ch === "(" ? { t: "lp" } : { t: "rp" });
      i++;
      continue;
    }
    for (const [re, op] of OPERATORS) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m.index === i && m[0].length > 0) {
        flush();
        toks.push({ t: "op", v: op, slash: m[0].trim() === "/" || /^[-–]$/.test(m[0].trim()) });
        i += m[0].length;
        continue outer;
      }
    }
    chunk += ch;
    i++;
  }
  flush();
  return slashAsOr(regroupParentheses(toks));
}

const QUANTITY = /^(jumlah|total|banyaknya|nilai|skor|realisasi|target|pagu|anggaran|\[)/i;

/**
 * ` / ` between two nouns often means "or" (`Dokumen / data kepegawaian`), ` - ` joins
 * names (`Jumlah dokumen RKA - DPA`). They compute only between quantities: phrases that
 * start with Jumlah, Total, Nilai … or numbers.
 */
function slashAsOr(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    const prev = out[out.length - 1];
    const next = toks[k + 1];
    if (tok.t === "op" && tok.slash && prev?.t === "chunk" && next?.t === "chunk") {
      const isQuantity = (c: string): boolean => QUANTITY.test(c.trim()) || constant(c) !== null;
      if (!(isQuantity(prev.v) && isQuantity(next.v))) {
        out[out.length - 1] = { t: "chunk", v: `${prev.v} / ${next.v}` };
        k++;
        continue;
      }
    }
    out.push(tok);
  }
  return out;
}

/**
 * Parentheses that do not enclose an operator are part of a phrase: merge them and their
 * content back into the neighbouring chunk text.
 */
function regroupParentheses(toks: Tok[]): Tok[] {
  const out: Tok[] = [];
  for (let k = 0; k < toks.length; k++) {
    const tok = toks[k];
    if (tok.t === "lp" && !(out.length && out[out.length - 1].t === "agg")) {
      // find the matching rp
      let depth = 0;
      let end = -1;
      let hasOp = false;
      for (let j = k; j < toks.length; j++) {
        const t = toks[j];
        if (t.t === "lp") depth++;
        if (t.t === "rp") depth--;
        if (t.t === "op" || t.t === "agg") hasOp = true;
        if (depth === 0) {
          end = j;
          break;
        }
      }
      if (end > k && !hasOp) {
        const inner = toks
          .slice(k + 1, end)
          .map((t) => (t.t === "chunk" ? t.v : t.t === "var" ? `[${t.v}]` : ""))
          .join("");
        appendText(out, `(${inner})`);
        k = end;
        continue;
      }
    }
    if (tok.t === "chunk" && out.length && out[out.length - 1].t === "chunk") {
      appendText(out, tok.v);
      continue;
    }
    out.push(tok);
  }
  return out;
}

function appendText(out: Tok[], text: string): void {
  const last = out[out.length - 1];
  if (last && last.t === "chunk") out[out.length - 1] = { t: "chunk", v: `${last.v}${text}` };
  else out.push({ t: "chunk", v: text });
}

class ProseParser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  atEnd(): boolean {
    return this.i >= this.toks.length;
  }

  expr(): Expr {
    let left = this.term();
    for (;;) {
      const tok = this.toks[this.i];
      if (tok && tok.t === "op" && (tok.v === "+" || tok.v === "-")) {
        this.i++;
        left = bin(tok.v, left, this.term());
      } else return left;
    }
  }

  private term(): Expr {
    let left = this.factor();
    for (;;) {
      const tok = this.toks[this.i];
      if (tok && tok.t === "op" && (tok.v === "*" || tok.v === "/")) {
        this.i++;
        left = bin(tok.v, left, this.factor());
      } else return left;
    }
  }

  private factor(): Expr {
    const tok = this.toks[this.i];
    if (!tok) throw new FormulaSyntaxError("missing operand");
    this.i++;
    switch (tok.t) {
      case "var":
        return variable(squash(tok.v));
      case "chunk": {
        const c = constant(tok.v);
        if (c !== null) return num(c);
        const name = cleanPhrase(tok.v);
        if (!name) throw new FormulaSyntaxError("empty operand");
        return variable(name);
      }
      case "agg": {
        if (this.toks[this.i]?.t !== "lp") throw new FormulaSyntaxError("aggregate without (");
        this.i++;
        const e = this.expr();
        if (this.toks[this.i]?.t !== "rp") throw new FormulaSyntaxError("missing )");
        this.i++;
        return agg(tok.v, e);
      }
      case "lp": {
        const e = this.expr();
        if (this.toks[this.i]?.t !== "rp") throw new FormulaSyntaxError("missing )");
        this.i++;
        return e;
      }
      default:
        throw new FormulaSyntaxError(`unexpected ${tok.t}`);
    }
  }
}

/** Rewrites the sentence forms into operator form before cutting. */
function rewriteSentences(text: string): { text: string; average: boolean; percent: boolean } {
  let t = squash(text).replace(/[.;,]+$/, "");
  // `Persentase dihitung berdasarkan A dibandingkan dengan B`: the text says the result is a percentage.
  const lead = /^(?:persentase|prosentase|presentase)\s+(?:dihitung|diukur|diperoleh)\s+(?:berdasarkan|dari|dengan)\s+/i.exec(t);
  const percent = lead !== null;
  if (lead) t = t.slice(lead[0].length);
  // `Perkalian antara A dengan B …` = A × B …
  // A label that introduces the formula (`Formula : …`, `Penjelasan : …`) is not a quantity.
  t = t.replace(/^(?:formula|formulasi|penjelasan|keterangan|ket|rumus|cara hitung)\s*[:=]\s*/i, "");
  t = t.replace(/^perkalian antara\s+(.+?)\s+dengan\s+/i, "$1 dikali ");
  // `A x 100%. B` (a garbled division after the percentage)
  t = t.replace(/(\d\s*(?:%|persen))\s*[.:]\s+(?=\S)/i, "$1 dibagi ");
  const avg = /^(?:nilai\s+)?rata[\s-]*rata\s+(.+)$/i.exec(t);
  if (avg && !/^rata[\s-]*rata\s+(tertimbang|skor)\b.*=/.test(t)) return { text: avg[1], average: true, percent };
  return { text: t, average: false, percent };
}

/** Parses prose; throws FormulaSyntaxError when the text does not read as a formula. */
/** Real formulas have a handful of operators; a cell with hundreds computes nothing (and must not exhaust the stack). */
const MAX_TOKENS = 300;
const MAX_DEPTH = 40;

/** Words and signs without which prose cannot compute: most cells ("Jumlah laporan") have none. */
const MAY_COMPUTE = /bagi|banding|kali|tambah|kurang|rata|\bx\b|\b(?:SUM|AVG)\(|[×*/÷+:\-–[]|\d\s*(%|persen)/i;

export function parseProse(text: string): Expr {
  if (!MAY_COMPUTE.test(text)) throw new FormulaSyntaxError("no operator");
  const { text: body, average, percent } = rewriteSentences(text);
  if ((body.match(/[()]/g) ?? []).length > 2 * MAX_DEPTH) throw new FormulaSyntaxError("too many parentheses");
  const toks = tokenize(body);
  if (toks.length > MAX_TOKENS) throw new FormulaSyntaxError("too long for a formula");
  const parser = new ProseParser(toks);
  let expr = parser.expr();
  if (!parser.atEnd()) throw new FormulaSyntaxError("trailing tokens");
  if (percent && !hasHundred(expr)) expr = bin("*", expr, num(100));
  return average ? agg("AVG", expr) : expr;
}

function hasHundred(e: Expr): boolean {
  if (e.type === "num") return e.value === 100;
  if (e.type === "bin") return hasHundred(e.left) || hasHundred(e.right);
  if (e.type === "agg") return hasHundred(e.arg);
  return false;
}
