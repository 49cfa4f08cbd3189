/**
 * Achievement classes. The default is the Permendagri 86/2017 evaluation of RKPD/Renstra;
 * the other band sets of DOMAIN.md are selectable. Thresholds are lower bounds, best
 * first; a capaian between two printed bands (50–51) falls in the upper one.
 */
export type BandSetId = "permendagri86" | "baik" | "berhasil";

export interface Band {
  min: number;
  id: string;
  en: string;
}

export const BAND_SETS: Record<BandSetId, { name: string; bands: Band[] }> = {
  permendagri86: {
    name: "Permendagri 86/2017",
    bands: [
      { min: 91, id: "Sangat Tinggi", en: "Very high" },
      { min: 76, id: "Tinggi", en: "High" },
      { min: 66, id: "Sedang", en: "Medium" },
      { min: 50.000001, id: "Rendah", en: "Low" },
      { min: -Infinity, id: "Sangat Rendah", en: "Very low" },
    ],
  },
  baik: {
    name: "Sangat Baik – Sangat Kurang",
    bands: [
      { min: 91, id: "Sangat Baik", en: "Very good" },
      { min: 76, id: "Baik", en: "Good" },
      { min: 66, id: "Cukup", en: "Fair" },
      { min: 50.000001, id: "Kurang", en: "Poor" },
      { min: -Infinity, id: "Sangat Kurang", en: "Very poor" },
    ],
  },
  berhasil: {
    name: "Berhasil",
    bands: [
      { min: 100, id: "Sangat Berhasil", en: "Very successful" },
      { min: 75, id: "Berhasil", en: "Successful" },
      { min: 55, id: "Cukup Berhasil", en: "Fairly successful" },
      { min: -Infinity, id: "Kurang Berhasil", en: "Not successful" },
    ],
  },
};

export function classify(capaian: number | null, set: BandSetId = "permendagri86"): Band | null {
  if (capaian === null || !Number.isFinite(capaian)) return null;
  return BAND_SETS[set].bands.find((b) => capaian >= b.min) ?? null;
}
