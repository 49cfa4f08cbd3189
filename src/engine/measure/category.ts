/**
 * The class an officer typed beside a capaian (`Predikat`, `Kategori`, `Kategori Capaian
 * IKI`), read against the engine's own capaian on the band set the officer's labels come
 * from: Permendagri 86/2017 (Sangat Tinggi … Sangat Rendah), the Sangat Baik … Sangat Kurang
 * bands and the Berhasil bands of DOMAIN.md, or — on an SKP sheet — the SKP categories of
 * PermenPAN-RB 6/2022 (capaian IKI above 100 % Sangat Baik, 100 % Baik, 80–99 % Cukup,
 * 60–79 % Kurang, up to 59 % Sangat Kurang).
 *
 * Bands are as printed, so between two printed bands (90 and 91, 99 and 100) either
 * neighbour is accepted: a class there is a rounding, not a mistake.
 */
import type { RecognizedTable } from "../recognize";
import { normalize } from "../text";
import { textAt, type SheetSnapshot } from "../snapshot";

export type CategorySet = "permendagri86" | "baik" | "berhasil" | "skp";

interface PrintedBand {
  label: string;
  /** Lower and upper printed bound (inclusive); ±Infinity open. */
  min: number;
  max: number;
}

export const CATEGORY_SETS: Record<CategorySet, { name: { id: string; en: string }; bands: PrintedBand[] }> = {
  permendagri86: {
    name: { id: "Permendagri 86/2017", en: "Permendagri 86/2017" },
    bands: [
      { label: "Sangat Tinggi", min: 91, max: Infinity },
      { label: "Tinggi", min: 76, max: 91 },
      { label: "Sedang", min: 66, max: 76 },
      { label: "Rendah", min: 51, max: 66 },
      { label: "Sangat Rendah", min: -Infinity, max: 50 },
    ],
  },
  baik: {
    name: { id: "Sangat Baik – Sangat Kurang", en: "Sangat Baik – Sangat Kurang" },
    bands: [
      { label: "Sangat Baik", min: 91, max: Infinity },
      { label: "Baik", min: 76, max: 90 },
      { label: "Cukup", min: 66, max: 75 },
      { label: "Kurang", min: 51, max: 65 },
      { label: "Sangat Kurang", min: -Infinity, max: 50 },
    ],
  },
  berhasil: {
    name: { id: "Berhasil", en: "Berhasil" },
    bands: [
      { label: "Sangat Berhasil", min: 100, max: Infinity },
      { label: "Berhasil", min: 75, max: 100 },
      { label: "Cukup Berhasil", min: 55, max: 75 },
      { label: "Kurang Berhasil", min: -Infinity, max: 55 },
    ],
  },
  skp: {
    name: { id: "kategori capaian IKI, PermenPAN-RB 6/2022", en: "IKI capaian categories, PermenPAN-RB 6/2022" },
    bands: [
      { label: "Sangat Baik", min: 101, max: Infinity },
      { label: "Baik", min: 100, max: 100 },
      { label: "Cukup", min: 80, max: 99 },
      { label: "Kurang", min: 60, max: 79 },
      { label: "Sangat Kurang", min: -Infinity, max: 59 },
    ],
  },
};

const key = (label: string): string => normalize(label).replace(/[^a-z ]/g, "").replace(/\s+/g, " ").trim();

/** The band label a typed class names in a set, or null. */
export function labelIn(set: CategorySet, text: string): string | null {
  const k = key(text);
  return CATEGORY_SETS[set].bands.find((b) => key(b.label) === k)?.label ?? null;
}

/** The labels a capaian may carry in a set: its band, or either neighbour in a printed gap. */
export function acceptedLabels(set: CategorySet, capaian: number): string[] {
  const bands = CATEGORY_SETS[set].bands;
  const inside = bands.filter((b) => capaian >= b.min && capaian <= b.max).map((b) => b.label);
  if (inside.length > 0) return inside;
  // In a gap (90 < c < 91): the band above and the band below.
  const above = bands.filter((b) => b.min > capaian).sort((a, b) => a.min - b.min)[0];
  const below = bands.filter((b) => b.max < capaian).sort((a, b) => b.max - a.max)[0];
  return [above?.label, below?.label].filter((l): l is string => !!l);
}

/** The band a capaian falls in (the upper one in a gap), for messages. */
export function bandOf(set: CategorySet, capaian: number): string {
  return acceptedLabels(set, capaian)[0];
}

export interface TableCategories {
  /** The predikat column, when the table has one. */
  col: number | null;
  /** The set the labels come from; null when no single set holds them all. */
  set: CategorySet | null;
  /** Labels typed that no set holds, or null. */
  unknown: string[];
}

/** An SKP sheet: `Capaian IKI`, `Rencana (Hasil) Kerja`, or `Nilai Capaian` in the header. */
function isSkpTable(sheet: SheetSnapshot, table: RecognizedTable): boolean {
  for (let r = table.headerTop; r <= table.headerBottom; r++) {
    for (let c = table.left; c <= table.right; c++) {
      const t = normalize(textAt(sheet, r, c));
      if (/capaian\s+iki|^rencana\s+(hasil\s+)?(kinerja|kerja)|^nilai\s+capaian/.test(t)) return true;
    }
  }
  return false;
}

const cache = new WeakMap<RecognizedTable, TableCategories>();

/** The table's predikat column and the band set its labels come from. */
export function tableCategories(sheet: SheetSnapshot, table: RecognizedTable): TableCategories {
  const hit = cache.get(table);
  if (hit) return hit;
  const col = table.columns.find((c) => c.role === "predikat")?.col ?? null;
  let result: TableCategories = { col, set: null, unknown: [] };
  if (col !== null) {
    const labels = table.indicators.map((i) => textAt(sheet, i.row, col).trim()).filter((t) => t !== "" && !/^[-–—]+$/.test(t));
    if (labels.length > 0) {
      const fits = (Object.keys(CATEGORY_SETS) as CategorySet[]).filter((s) => labels.every((l) => labelIn(s, l) !== null));
      const skp = isSkpTable(sheet, table);
      const set = fits.includes("skp") && skp ? "skp" : (fits.find((s) => s !== "skp") ?? (fits.includes("skp") ? "skp" : null));
      const unknown = set ? [] : [...new Set(labels.filter((l) => !fits.some((s) => labelIn(s, l))))];
      result = { col, set, unknown: set ? [] : unknown.length ? unknown : [...new Set(labels)] };
    }
  }
  cache.set(table, result);
  return result;
}
