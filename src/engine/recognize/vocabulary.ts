/**
 * The column vocabulary of PRODUCT.md §2.1, matched tolerantly: headers arrive in any
 * case, with converter markup, OCR damage (PERTHITUNGAN, PENELASAN) and truncation
 * (`Sumbu`, `S`).
 */
import type { ColumnRole } from "./types";
import { isPeriodOnly, isRunningTotal, parsePeriod } from "./periods";

export interface HeaderMatch {
  role: ColumnRole;
  period: string | null;
  runningTotal: boolean;
}

const FORMULA =
  /formula|formulasi|rumus|cara hitung|cara perhitungan|definisi operasional|penjelasan|penelasan|penjelasn|per\s?h?i?tungan|perthitungan|peruntungan|peritungan|pertunjangan/;

/** Role of a single (normalised) header text, without group context. */
export function matchRole(text: string): ColumnRole | null {
  const t = text.replace(/[:*]+$/, "").trim();
  if (t === "") return null;
  if (/^(no|nomor|no urut|nmr)\s*\.?$/.test(t)) return "no";
  if (/^(makna|asas|alasan)\b/.test(t)) return "formula";
  if (/kondisi kinerja (pada )?awal|awal periode|baseline|tahun lalu|tahun sebelumnya/.test(t)) return "baseline";
  if (/kondisi kinerja (pada )?akhir|akhir periode/.test(t)) return "final";
  // A header that starts with another role word names that role: `Capaian Indikator (%)`,
  // `Target indikator`, `Formulasi perhitungan indikator`, `Sumber data indikator`.
  if (/^(target)\b/.test(t)) return "target";
  if (/^(capaian|% capaian)\b/.test(t)) return "capaian";
  if (/^(formula|formulasi|rumus|cara hitung)\b/.test(t)) return "formula";
  if (/^(sumber)\b/.test(t)) return "sumber";
  if (/^(realisasi)\b/.test(t)) return "realisasi";
  // A count of indicators (`Jumlah IKI`, `Jumlah Indikator` in a Rekap sheet) is not the
  // Indikator column; SKP's `Nilai Capaian IKI` / `Nilai Tertimbang` are scores derived from
  // the capaian, not the capaian itself.
  if (/^(jumlah|banyaknya|total)\s+(indikator|ik[ui])\b/.test(t)) return null;
  if (/^nilai\s+(capaian|tertimbang)\b/.test(t)) return null;
  // SKP: `Rencana Kinerja`, `Rencana Hasil Kerja` hold what the sasaran column holds elsewhere.
  if (/^rencana\s+(hasil\s+)?(kinerja|kerja)\b/.test(t)) return "sasaran";
  if (/indikator|^\(?ik[ui]\)?$|\(ik[ui]\)/.test(t)) return "indikator";
  if (/^target|sasaran target/.test(t)) return "target";
  if (/predikat|kategori capaian|^kategori( kinerja)?$/.test(t)) return "predikat";
  if (/capaian|^%\s*$/.test(t)) return "capaian";
  if (FORMULA.test(t)) return "formula";
  if (/^sumber|^sumbu|^s$|^sumber data/.test(t)) return "sumber";
  if (/penanggung\s*jawab|pemangku\s*(jawab|tugas)|^pj$|penanggungjawab/.test(t)) return "penanggungJawab";
  if (/^satuan/.test(t)) return "satuan";
  if (/realisasi|^(tw|trw|triwulan)\b|^semester\b|^s\s*\.?\s*d\b/.test(t)) return "realisasi";
  if (/sasaran|kinerja utama|^kinerja$|^sasaran\s*\/\s*kinerja/.test(t)) return "sasaran";
  if (/keterangan|^ket\.?$|faktor (pendukung|penghambat)/.test(t)) return "keterangan";
  return null;
}

/**
 * Role of a column from its header, given the group header above it (two-row headers)
 * — a period label under `Realisasi` is a realisation of that period.
 */
export function matchColumn(group: string, sub: string): HeaderMatch | null {
  const g = group.trim();
  const s = sub.trim();
  if (s && isPeriodOnly(s) && g) {
    const role = matchRole(g) ?? "realisasi";
    const p = parsePeriod(s);
    return { role, period: p?.key ?? null, runningTotal: (p?.runningTotal ?? false) || isRunningTotal(g) };
  }
  const text = s || g;
  const role = (s ? matchRole(s) : null) ?? matchRole(g);
  if (!role) {
    // A bare period header (`TW I`) with no group: a realisation column.
    if (isPeriodOnly(text)) {
      const p = parsePeriod(text);
      return { role: "realisasi", period: p?.key ?? null, runningTotal: p?.runningTotal ?? false };
    }
    return null;
  }
  const withPeriod = role === "target" || role === "realisasi" || role === "capaian";
  const p = withPeriod ? parsePeriod(`${g} ${s}`.trim()) : null;
  return { role, period: p?.key ?? null, runningTotal: p?.runningTotal ?? false };
}
