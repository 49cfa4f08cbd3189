/**
 * LaTeX math → expression, by recursive descent over a small tokenizer. Covers what the
 * seeds write: `\frac{}{}`, `\times`, `\cdot`, `\div`, `\%`, `\text{}`, `\sum_{i=1}^n`,
 * subscripts, parentheses and braces, and a left-hand side (`x = …`, `IKM = …`, `= …`).
 */
import { agg, bin, num, variable, type BinaryOp, type Expr } from "./ast";
import { squash } from "../text";
import { formulaNumber } from "../indicator/number";

type Tok =
  | { t: "cmd"; v: string }
  | { t: "text"; v: string }
  | { t: "word"; v: string }
  | { t: "num"; v: number }
  | { t: "sym"; v: string };

/**
 * "Not a formula": thrown often (most cells are not formulas), caught by parseFormula. It
 * carries no stack trace — capturing one per cell was a fifth of a large sheet's check.
 */
export class FormulaSyntaxError extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

function readBraced(src: string, start: number): { body: string; end: number } {
  // src[start] === "{"
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}") {
      depth--;
      if (depth === 0) return { body: src.slice(start + 1, i), end: i + 1 };
    }
  }
  throw new FormulaSyntaxError("unbalanced braces");
}

export function tokenizeLatex(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "\\") {
      const m = /^\\([a-zA-Z]+|.)/.exec(src.slice(i));
      if (!m) throw new FormulaSyntaxError("stray backslash");
      const name = m[1];
      i += m[0].length;
      if (name === "text" || name === "mathrm" || name === "textit" || name === "textbf" || name === "mbox") {
        while (src[i] === " ") i++;
        if (src[i] !== "{") throw new FormulaSyntaxError(`\\${name} without braces`);
        const { body, end } = readBraced(src, i);
        toks.push({ t: "text", v: body });
        i = end;
      } else if (name === "," || name === ";" || name === "!" || name === " " || name === "quad" || name === "left" || name === "right") {
        // spacing and delimiter sizing: nothing to compute
      } else if (name === "%") {
        toks.push({ t: "sym", v: "%" });
      } else if (name === "{" || name === "}") {
        toks.push({ t: "sym", v: name === "{" ? "(" : ")" });
      } else {
        toks.push({ t: "cmd", v: name });
      }
      continue;
    }
    const n = /^\d+(?:[.,]\d+)*/.exec(src.slice(i));
    if (n) {
      const v = formulaNumber(n[0]);
      if (v === null) throw new FormulaSyntaxError(`not a number: ${n[0]}`);
      toks.push({ t: "num", v });
      i += n[0].length;
      continue;
    }
    const w = /^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.-]*/.exec(src.slice(i));
    if (w) {
      toks.push({ t: "word", v: w[0].replace(/[.]+$/, "") });
      i += w[0].length;
      continue;
    }
    toks.push({ t: "sym", v: ch });
    i++;
  }
  return toks;
}

const MUL_CMDS = new Set(["times", "cdot", "ast"]);

class LatexParser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private isSym(v: string, tok = this.peek()): boolean {
    return !!tok && tok.t === "sym" && tok.v === v;
  }

  private expect(v: string): void {
    if (!this.isSym(v)) throw new FormulaSyntaxError(`expected ${v}`);
    this.i++;
  }

  atEnd(): boolean {
    // Trailing punctuation (`× 100 :`, a full stop) computes nothing.
    while (this.peek() && (this.isSym(":") || this.isSym(".") || this.isSym(","))) this.i++;
    return this.i >= this.toks.length;
  }

  expr(): Expr {
    let left = this.term();
    for (;;) {
      const tok = this.peek();
      if (tok && tok.t === "sym" && (tok.v === "+" || tok.v === "-")) {
        this.i++;
        left = bin(tok.v as BinaryOp, left, this.term());
      } else return left;
    }
  }

  private mulOp(): "*" | "/" | null {
    const tok = this.peek();
    if (!tok) return null;
    if (tok.t === "cmd" && MUL_CMDS.has(tok.v)) return "*";
    if (tok.t === "cmd" && tok.v === "div") return "/";
    if (tok.t === "sym" && (tok.v === "*" || tok.v === "×")) return "*";
    if (tok.t === "sym" && (tok.v === "/" || tok.v === "÷")) return "/";
    if (tok.t === "word" && (tok.v === "x" || tok.v === "X")) return "*";
    // `: B` after an operand is a division (`A \times 100 : B`), unless nothing follows.
    if (tok.t === "sym" && tok.v === ":" && this.i + 1 < this.toks.length) return "/";
    return null;
  }

  term(): Expr {
    let left = this.unary();
    for (;;) {
      const op = this.mulOp();
      if (!op) return left;
      this.i++;
      left = bin(op, left, this.unary());
    }
  }

  private unary(): Expr {
    const f = this.factor();
    // `100\%` is the ×100 of a percentage: the number itself.
    while (this.isSym("%")) this.i++;
    return f;
  }

  private subscript(): string {
    if (!this.isSym("_")) return "";
    this.i++;
    const tok = this.peek();
    if (!tok) throw new FormulaSyntaxError("empty subscript");
    if (this.isSym("{")) {
      this.i++;
      const parts: string[] = [];
      while (this.peek() && !this.isSym("}")) {
        const t = this.toks[this.i++];
        parts.push(t.t === "num" ? String(t.v) : String(t.v));
      }
      this.expect("}");
      return `_${parts.join("")}`;
    }
    this.i++;
    return `_${tok.t === "num" ? tok.v : tok.v}`;
  }

  private skipLimits(): void {
    // \sum_{i=1}^n : the bounds are the whole component list.
    for (let k = 0; k < 2; k++) {
      if (this.isSym("_") || this.isSym("^")) {
        this.i++;
        if (this.isSym("{")) {
          let depth = 0;
          do {
            if (this.isSym("{")) depth++;
            if (this.isSym("}")) depth--;
            this.i++;
          } while (depth > 0 && this.i < this.toks.length);
        } else this.i++;
      }
    }
  }

  private factor(): Expr {
    const tok = this.peek();
    if (!tok) throw new FormulaSyntaxError("unexpected end");
    if (tok.t === "cmd" && (tok.v === "frac" || tok.v === "dfrac" || tok.v === "tfrac")) {
      this.i++;
      const n = this.group();
      const d = this.group();
      return bin("/", n, d);
    }
    if (tok.t === "cmd" && tok.v === "sum") {
      this.i++;
      this.skipLimits();
      return agg("SUM", this.term());
    }
    if (tok.t === "num") {
      this.i++;
      return num(tok.v);
    }
    if (tok.t === "text" || tok.t === "word") {
      return this.phrase();
    }
    if (this.isSym("(") || this.isSym("{") || this.isSym("[")) {
      const close = this.isSym("(") ? ")" : this.isSym("{") ? "}" : "]";
      this.i++;
      const e = this.expr();
      this.expect(close);
      return e;
    }
    throw new FormulaSyntaxError(`unexpected ${tok.t} ${String(tok.v)}`);
  }

  private group(): Expr {
    this.expect("{");
    const e = this.expr();
    this.expect("}");
    return e;
  }

  /** Consecutive words and \text{} pieces are one noun phrase (there is no implicit product here). */
  private phrase(): Expr {
    const parts: string[] = [];
    for (;;) {
      const tok = this.peek();
      if (!tok || (tok.t !== "text" && tok.t !== "word") || (tok.t === "word" && /^[xX]$/.test(tok.v) && parts.length > 0)) break;
      this.i++;
      parts.push(tok.v);
      const sub = this.subscript();
      if (sub) parts[parts.length - 1] += sub;
    }
    const name = cleanPhrase(parts.join(" "));
    if (!name) throw new FormulaSyntaxError("empty phrase");
    // A bracketed phrase like `\text{(Jumlah Realisasi Anggaran)}` may hide an expression.
    return variable(name);
  }
}

/** Markup-free noun phrase: spaces collapsed, enclosing parentheses and trailing punctuation removed. */
export function cleanPhrase(text: string): string {
  let t = squash(text.replace(/\\[a-zA-Z]+/g, " "));
  for (;;) {
    const m = /^\((.*)\)$/.exec(t);
    if (!m || /[()]/.test(m[1])) break;
    t = m[1].trim();
  }
  return t.replace(/[\s.,:;]+$/, "").replace(/^[\s,:;]+/, "");
}

export interface LatexResult {
  lhs: string | null;
  expr: Expr;
}

/** Parses one LaTeX math segment; throws FormulaSyntaxError when it is not a formula. */
const MAX_TOKENS = 400;
const MAX_DEPTH = 40;

export function parseLatex(src: string): LatexResult {
  const toks = tokenizeLatex(src);
  if (toks.length > MAX_TOKENS) throw new FormulaSyntaxError("too long for a formula");
  let nesting = 0;
  for (const t of toks) {
    if (t.t === "sym" && (t.v === "{" || t.v === "(" || t.v === "[")) nesting++;
    if (t.t === "sym" && (t.v === "}" || t.v === ")" || t.v === "]")) nesting--;
    if (nesting > MAX_DEPTH) throw new FormulaSyntaxError("nested too deep for a formula");
  }
  // The left-hand side is everything up to the last top-level `=`.
  let depth = 0;
  let eq = -1;
  toks.forEach((t, k) => {
    if (t.t === "sym" && (t.v === "{" || t.v === "(")) depth++;
    if (t.t === "sym" && (t.v === "}" || t.v === ")")) depth--;
    if (depth === 0 && t.t === "sym" && t.v === "=") eq = k;
  });
  const lhsToks = eq >= 0 ? toks.slice(0, eq) : [];
  const rhs = eq >= 0 ? toks.slice(eq + 1) : toks;
  const parser = new LatexParser(rhs);
  const expr = parser.expr();
  if (!parser.atEnd()) throw new FormulaSyntaxError("trailing tokens");
  const lhs = lhsToks.length ? cleanPhrase(lhsToks.map((t) => String(t.v)).join(" ")) || null : null;
  return { lhs, expr };
}
