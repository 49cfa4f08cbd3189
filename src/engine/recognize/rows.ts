/**
 * Data rows → indicators. A new indicator starts at a row number, or at a new name under
 * the previous sasaran (a merged or continued Sasaran cell); text wrapped into the next
 * row (a PDF line break pasted as a row) is joined to the row it continues.
 */
import type { TextGrid } from "./grid";
import type { IndicatorRow, TableColumn } from "./types";
import { displayText } from "../text";

/** Words that begin a wrapped continuation rather than a new indicator name. */
const CONTINUATION_START = /^(dan|atau|serta|yang|di|ke|dari|untuk|pada|dengan|dalam|terhadap|oleh|sebagai)\b/i;

/** A row number as typed: `7`, `7.`, `1\``, `3)`, `IV.` — not words that wrapped into the No column. */
export function isRowNumber(text: string): boolean {
  return /^\s*(\d{1,3}|[ivx]{1,4})\s*[.`')-]?\s*$/i.test(text);
}

/** Definition text that spilled into the Indikator column (`Makna : …`, `Alasan Pemilihan : …`). */
const DEFINITION_LABEL = /^(makna|alasan pemilihan|asas|cara hitung|perhitungan|definisi operasional|formulasi)[^:]{0,30}:/i;

function hasLetters(text: string | null): boolean {
  return !!text && /[a-z]/i.test(text);
}

function startsLikeContinuation(text: string): boolean {
  const t = displayText(text);
  return /^[a-z]/.test(t) || CONTINUATION_START.test(t);
}

interface Builder {
  row: number;
  lastRow: number;
  no: string | null;
  sasaran: string | null;
  cells: Record<number, string>;
}

export function readIndicators(grid: TextGrid, columns: readonly TableColumn[], dataRows: readonly number[]): IndicatorRow[] {
  const noCol = columns.find((c) => c.role === "no")?.col;
  const nameCol = columns.find((c) => c.role === "indikator")?.col;
  const sasaranCols = columns.filter((c) => c.role === "sasaran").map((c) => c.col);
  const targetCol = columns.find((c) => c.role === "target")?.col;
  const out: IndicatorRow[] = [];
  let current: Builder | null = null;
  let lastSasaran: string | null = null;

  const text = (row: number, col: number | undefined): string => (col === undefined ? "" : grid.text(row, col).trim());
  const ownSasaran = (row: number): string | null => {
    for (let i = sasaranCols.length - 1; i >= 0; i--) {
      const t = displayText(grid.text(row, sasaranCols[i]));
      if (t) return t;
    }
    return null;
  };
  const flush = (): void => {
    if (!current) return;
    out.push({
      row: current.row,
      lastRow: current.lastRow,
      no: current.no,
      sasaran: current.sasaran,
      name: displayText(nameCol === undefined ? "" : (current.cells[nameCol] ?? "")),
      cells: current.cells,
    });
    current = null;
  };

  for (const row of dataRows) {
    const noRaw = text(row, noCol);
    const no = isRowNumber(noRaw) ? noRaw : "";
    const name = text(row, nameCol);
    const sasaran = ownSasaran(row);
    const isNew = ((): boolean => {
      if (no !== "") return name !== "" || hasLetters(sasaran);
      if (name === "") return false;
      if (!current) return true;
      if (nameCol !== undefined && !(current.cells[nameCol] ?? "").trim()) return false;
      if (startsLikeContinuation(name) || DEFINITION_LABEL.test(displayText(name))) return false;
      const targetEmpty = targetCol === undefined || text(row, targetCol) === "";
      // Sasaran text that continues mid-sentence: the whole row is wrapped text.
      if (sasaran && startsLikeContinuation(sasaran) && targetEmpty) return false;
      if (targetCol !== undefined && targetEmpty && (current.cells[targetCol] ?? "").trim() !== "") {
        // Nothing but the name on this row, under a row that had a target: wrapped text.
        const others = columns.filter((c) => c.col !== nameCol && text(row, c.col) !== "");
        if (others.length === 0) return false;
      }
      return true;
    })();
    if (!isNew && !current) continue; // a fragment above the first indicator

    if (isNew || !current) {
      flush();
      if (sasaran) lastSasaran = sasaran;
      current = { row, lastRow: row, no: noRaw || null, sasaran: sasaran ?? lastSasaran, cells: {} };
      for (const c of columns) {
        const t = grid.text(row, c.col).trim();
        if (t) current.cells[c.col] = t;
      }
      continue;
    }
    const cur: Builder = current;
    cur.lastRow = row;
    for (const c of columns) {
      const t = grid.text(row, c.col).trim();
      if (!t) continue;
      cur.cells[c.col] = cur.cells[c.col] ? `${cur.cells[c.col]}\n${t}` : t;
    }
    if (sasaran && cur.sasaran) {
      // Wrapped sasaran text continues the indicator's own sasaran.
      cur.sasaran = `${cur.sasaran} ${sasaran}`;
      lastSasaran = cur.sasaran;
    } else if (sasaran) {
      cur.sasaran = sasaran;
      lastSasaran = sasaran;
    }
  }
  flush();
  return out;
}
