/**
 * Formula text as the file stores it → as Excel shows it (and Office.js returns it).
 *
 * - A shared formula is stored once, in its master cell; every other cell of the group
 *   holds only its `si`. Each cell's own text is the master's with the relative references
 *   moved by the cell's offset (`=E1/D1*100` in F1 is `=E2/D2*100` in F2). A reference
 *   moved off the sheet becomes `#REF!`, as Excel does.
 * - Functions newer than Excel 2007 are stored with a `_xlfn.` (and `_xlws.`) prefix that
 *   Excel does not show.
 * String literals, quoted sheet names, structured references (`Tabel1[Capaian]`) and
 * function names that look like cells (`LOG10(`) are left alone.
 */
import { columnLetters, columnNumber } from "../engine/address";

const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

const isIdent = (ch: string | undefined): boolean => ch !== undefined && /[A-Za-z0-9_.$\\?]/.test(ch);

function shiftCol(token: string, d: number): string | null {
  if (token.startsWith("$") || d === 0) return token;
  const n = columnNumber(token) + d;
  return n < 1 || n > MAX_COL ? null : columnLetters(n);
}

function shiftRow(token: string, d: number): string | null {
  if (token.startsWith("$") || d === 0) return token;
  const n = Number(token) + d;
  return n < 1 || n > MAX_ROW ? null : String(n);
}

const CELL = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
const COL = /^(\$?)([A-Za-z]{1,3})$/;

function shiftCell(ref: string, dRow: number, dCol: number): string | null {
  const m = CELL.exec(ref);
  if (!m) return null;
  const col = shiftCol(`${m[1]}${m[2]}`, dCol);
  const row = shiftRow(`${m[3]}${m[4]}`, dRow);
  return col === null || row === null ? null : `${col}${row}`;
}

function isCellRef(token: string): boolean {
  const m = CELL.exec(token);
  return m !== null && columnNumber(m[2]) <= MAX_COL && Number(m[4]) >= 1 && Number(m[4]) <= MAX_ROW;
}

/**
 * Moves the relative references of a formula (without its leading `=`) by `dRow` rows and
 * `dCol` columns.
 */
export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return formula;
  let out = "";
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // A string literal or a quoted sheet name: copied as it is ("" and '' escape the quote).
      let j = i + 1;
      while (j < n) {
        if (formula[j] === ch) {
          if (formula[j + 1] === ch) j += 2;
          else break;
        } else j++;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "[") {
      // A structured reference or an external book index: copied with its nested brackets.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === "[") depth++;
        else if (formula[j] === "]" && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (isIdent(ch) && !isIdent(formula[i - 1])) {
      let j = i;
      while (j < n && isIdent(formula[j])) j++;
      let token = formula.slice(i, j);
      // A range of two cells, columns or rows: `A1:B2`, `$A:$C`, `1:3`.
      if (formula[j] === ":" && isIdent(formula[j + 1])) {
        let k = j + 1;
        while (k < n && isIdent(formula[k])) k++;
        const shifted = shiftRange(token, formula.slice(j + 1, k), dRow, dCol, formula[k]);
        if (shifted !== undefined) {
          out += shifted;
          i = k;
          continue;
        }
      }
      const next = formula[j];
      if (next !== "(" && next !== "!" && next !== "[" && isCellRef(token)) {
        token = shiftCell(token, dRow, dCol) ?? "#REF!";
      }
      out += token;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/** A shifted `a:b` range, or undefined when `a:b` is not a range. */
function shiftRange(a: string, b: string, dRow: number, dCol: number, after: string | undefined): string | undefined {
  if (after === "(" || after === "!") return undefined;
  if (isCellRef(a) && isCellRef(b)) {
    const x = shiftCell(a, dRow, dCol);
    const y = shiftCell(b, dRow, dCol);
    return x === null || y === null ? "#REF!" : `${x}:${y}`;
  }
  const ca = COL.exec(a);
  const cb = COL.exec(b);
  if (ca && cb && columnNumber(ca[2]) <= MAX_COL && columnNumber(cb[2]) <= MAX_COL) {
    const x = shiftCol(a, dCol);
    const y = shiftCol(b, dCol);
    return x === null || y === null ? "#REF!" : `${x}:${y}`;
  }
  if (/^\$?\d+$/.test(a) && /^\$?\d+$/.test(b)) {
    const x = shiftRow(a, dRow);
    const y = shiftRow(b, dRow);
    return x === null || y === null ? "#REF!" : `${x}:${y}`;
  }
  return undefined;
}

/** Drops the `_xlfn.` / `_xlws.` prefixes of newer functions, outside string literals. */
export function displayFormula(stored: string): string {
  if (!stored.includes("_xl")) return stored;
  return stored.replace(/("(?:[^"]|"")*")|_xlfn\.|_xlws\./g, (_m, str: string | undefined) => str ?? "");
}
