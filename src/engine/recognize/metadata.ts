/**
 * The metadata block above an IKI table: `Jabatan : …`, `1. PERANGKAT DAERAH : …`,
 * `- Jabatan : …`, or `Jabatan` and `: …` in two cells.
 */
import type { TextGrid } from "./grid";
import type { TableMeta } from "./types";
import { displayText } from "../text";

const KEY =
  /^(?:[-•]\s*)?(?:\d+\s*\.?\s+)?(?:\d+\s*\.\s*)?(nama jabatan|jabatan|per+angkat daerah|unit kerja|satuan kerja|tugas pokok|tugas|fungsi|eselon|opd|instansi)\s*:\s*(.*)$/i;

const LABEL_ONLY = /^(?:[-•]\s*)?(?:\d+\s*\.\s*)?(nama jabatan|jabatan|per+angkat daerah|unit kerja|satuan kerja|tugas pokok|tugas|fungsi)\s*:?$/i;

const KEY_HINT = /jabatan|angkat daerah|unit kerja|satuan kerja|tugas|fungsi|eselon|opd|instansi/;

export interface MetadataLine {
  key: "jabatan" | "perangkatDaerah" | "other";
  value: string;
}

/** Reads a metadata line, or null when the row is not one. */
export function metadataLine(grid: TextGrid, row: number): MetadataLine | null {
  const cols = grid.filledCols(row);
  if (cols.length === 0) return null;
  // Cheap first (this runs on every data row): a metadata line names one of its keys early on.
  const head = `${grid.norm(row, cols[0])} ${cols.length > 1 ? grid.norm(row, cols[1]) : ""}`.slice(0, 160);
  if (!KEY_HINT.test(head)) return null;
  const parts = cols.map((c) => grid.text(row, c));
  // `2. JABATAN` in one cell and its value in the next, with or without the colon.
  if (parts.length >= 2 && LABEL_ONLY.test(displayText(parts[0])) && !parts[1].trim().startsWith(":")) {
    parts[0] = `${parts[0].replace(/\s*:?\s*$/, "")} :`;
  }
  const raw = parts.join(" ");
  const m = KEY.exec(displayText(raw).replace(/\s+:/, " :").replace(/^(\S+)\s+:/, "$1 :"));
  const norm = KEY.exec(displayText(raw).toLowerCase());
  if (!m || !norm) return null;
  const key = norm[1];
  // Several numbered fields typed into one cell: `2. JABATAN : X 3. TUGAS : Y`.
  const value = displayText(m[2])
    .replace(/^:\s*/, "")
    .replace(/\s+\d+\s*\.\s*[A-Za-z ]{3,30}:.*$/, "")
    .trim();
  if (key === "jabatan" || key === "nama jabatan") return { key: "jabatan", value };
  if (/angkat daerah$/.test(key)) return { key: "perangkatDaerah", value };
  return { key: "other", value };
}

const UNIT = /^(bagian|bidang|sub ?bagian|subbag|seksi|uptd|sekretariat|es[a-z]*on|kabag|kasubb?a?g?)\b/i;

/** Collects the block between `fromRow` and `toRow` (inclusive), nearest line first. */
export function readMetadata(grid: TextGrid, fromRow: number, toRow: number): TableMeta {
  const meta: TableMeta = { jabatan: null, perangkatDaerah: null, unit: null };
  for (let r = toRow; r >= fromRow; r--) {
    const line = metadataLine(grid, r);
    if (line) {
      if (line.key === "jabatan" && meta.jabatan === null) meta.jabatan = line.value;
      if (line.key === "perangkatDaerah" && meta.perangkatDaerah === null) meta.perangkatDaerah = line.value;
      continue;
    }
    const cols = grid.filledCols(r);
    if (meta.unit === null && cols.length === 1) {
      const text = displayText(grid.text(r, cols[0]));
      if (UNIT.test(text) && text.length <= 80) meta.unit = text;
    }
  }
  return meta;
}
