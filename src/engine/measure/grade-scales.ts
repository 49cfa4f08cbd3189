/**
 * The grade scales of DOMAIN.md that appear as targets, and the choice of scale from the
 * indicator's own words. Bands are [min, max] with an exclusive lower bound where the
 * regulation says "> 60 – 70" (SAKIP, RB), inclusive otherwise.
 */

export type ScaleId = "SAKIP" | "IKM" | "IPP" | "OPINI" | "RB" | "MERIT" | "SPIP";

export interface GradeBand {
  grade: string;
  min: number;
  max: number;
  /** True when a score equal to `min` belongs to the band below. */
  minExclusive: boolean;
  meaning: string;
}

export interface GradeScale {
  id: ScaleId;
  name: string;
  /** Grades from best to worst; score bands where the scale has scores. */
  bands: GradeBand[];
  /** Score range of the whole scale, when it has scores. */
  range: [number, number] | null;
  /** Another form of the same score (IKM's NRR on 1–4 beside the 25–100 index). */
  altRange?: [number, number];
}

const band = (grade: string, min: number, max: number, minExclusive: boolean, meaning: string): GradeBand => ({
  grade,
  min,
  max,
  minExclusive,
  meaning,
});

export const SCALES: Record<ScaleId, GradeScale> = {
  SAKIP: {
    id: "SAKIP",
    name: "Predikat SAKIP",
    range: [0, 100],
    bands: [
      band("AA", 90, 100, true, "Sangat Memuaskan"),
      band("A", 80, 90, true, "Memuaskan"),
      band("BB", 70, 80, true, "Sangat Baik"),
      band("B", 60, 70, true, "Baik"),
      band("CC", 50, 60, true, "Cukup"),
      band("C", 30, 50, true, "Kurang"),
      band("D", 0, 30, false, "Sangat Kurang"),
    ],
  },
  IKM: {
    id: "IKM",
    name: "Indeks Kepuasan Masyarakat (PermenPAN-RB 14/2017)",
    range: [25, 100],
    altRange: [1, 4],
    bands: [
      band("A", 88.31, 100, false, "Sangat Baik"),
      band("B", 76.61, 88.3, false, "Baik"),
      band("C", 65, 76.6, false, "Kurang Baik"),
      band("D", 25, 64.99, false, "Tidak Baik"),
    ],
  },
  IPP: {
    id: "IPP",
    name: "Indeks Pelayanan Publik (PermenPAN-RB 17/2017)",
    range: [1, 5],
    bands: [
      band("A", 4.51, 5, false, "Pelayanan Prima"),
      band("A-", 4.01, 4.5, false, "Sangat Baik"),
      band("B", 3.51, 4, false, "Baik"),
      band("B-", 3.01, 3.5, false, "Baik (dengan catatan)"),
      band("C", 2.51, 3, false, "Cukup"),
      band("C-", 2.01, 2.5, false, "Cukup (dengan catatan)"),
      band("D", 1.51, 2, false, "Buruk"),
      band("E", 1.01, 1.5, false, "Sangat Buruk"),
      band("F", 0, 1, false, "Gagal"),
    ],
  },
  OPINI: {
    id: "OPINI",
    name: "Opini BPK",
    range: null,
    bands: [
      band("WTP", 4, 4, false, "Wajar Tanpa Pengecualian"),
      band("WDP", 3, 3, false, "Wajar Dengan Pengecualian"),
      band("TW", 2, 2, false, "Tidak Wajar"),
      band("TMP", 1, 1, false, "Tidak Menyatakan Pendapat"),
    ],
  },
  RB: {
    id: "RB",
    name: "Indeks Reformasi Birokrasi",
    range: [0, 100],
    bands: [
      band("AA", 90, 100, true, "Istimewa"),
      band("A", 80, 90, true, "Memuaskan"),
      band("BB", 70, 80, true, "Sangat Baik"),
      band("B", 60, 70, true, "Baik"),
      band("CC", 50, 60, true, "Cukup"),
      band("C", 30, 50, true, "Kurang"),
      band("D", 0, 30, false, "Sangat Kurang"),
    ],
  },
  MERIT: {
    id: "MERIT",
    name: "Indeks Sistem Merit (KASN)",
    range: [100, 400],
    bands: [
      band("IV", 325, 400, false, "Sangat Baik"),
      band("III", 250, 324, false, "Baik"),
      band("II", 175, 249, false, "Kurang"),
      band("I", 100, 174, false, "Buruk"),
    ],
  },
  SPIP: {
    id: "SPIP",
    name: "Maturitas SPIP",
    range: [0, 5],
    bands: [
      band("5", 5, 5, false, "Optimum"),
      band("4", 4, 4, false, "Terkelola dan Terukur"),
      band("3", 3, 3, false, "Terdefinisi"),
      band("2", 2, 2, false, "Berkembang"),
      band("1", 1, 1, false, "Rintisan"),
      band("0", 0, 0, false, "Belum ada"),
    ],
  },
};

/** The scale the indicator's words point at, or null (a grade is then a plain label). */
export function scaleForIndicator(text: string): ScaleId | null {
  const t = text.toLowerCase();
  if (/\bsakip\b|\bakip\b|akuntabilitas kinerja instansi/.test(t)) return "SAKIP";
  // Satisfaction first: "Indeks Kepuasan Masyarakat terhadap Pelayanan Publik" is an IKM.
  if (/\bikm\b|\bskm\b|kepuasan/.test(t)) return "IKM";
  if (/pelayanan publik|\bipp\b/.test(t)) return "IPP";
  if (/\bopini\b|\bwtp\b|laporan keuangan.*bpk|\bbpk\b.*opini/.test(t)) return "OPINI";
  if (/reformasi birokrasi|\bindeks rb\b/.test(t)) return "RB";
  if (/\bmerit\b/.test(t)) return "MERIT";
  if (/\bspip\b|maturitas/.test(t)) return "SPIP";
  return null;
}

export function inBand(b: GradeBand, score: number): boolean {
  const aboveMin = b.minExclusive ? score > b.min : score >= b.min;
  return aboveMin && score <= b.max;
}

/** The grade a score earns on a scale (bands with a gap, e.g. IKM 88.30–88.31, go to the lower one). */
export function gradeForScore(scale: GradeScale, score: number): string | null {
  const hit = scale.bands.find((b) => inBand(b, score));
  if (hit) return hit.grade;
  if (!scale.range || score < scale.range[0] || score > scale.range[1]) return null;
  // In a rounding gap between two bands: the band whose max is just below.
  const below = scale.bands.filter((b) => b.max < score).sort((a, b) => b.max - a.max)[0];
  return below?.grade ?? null;
}

/** Rank of a grade: higher is better (best grade = number of bands). */
export function gradeRank(scale: GradeScale, grade: string): number | null {
  const i = scale.bands.findIndex((b) => b.grade === normalizeGrade(grade));
  return i < 0 ? null : scale.bands.length - i;
}

/** `-B` (seed 004's way) → `B-`; case and spaces normalised; `Level 3` → `3`. */
export function normalizeGrade(grade: string): string {
  let g = grade.trim().toUpperCase().replace(/\s+/g, "");
  const m = /^-([A-F])$/.exec(g);
  if (m) g = `${m[1]}-`;
  const level = /^(?:LEVEL|TINGKAT)(\d)$/.exec(g);
  if (level) g = level[1];
  return g;
}
