/**
 * The text of the ribbon check's summary dialog, from the counts in its URL. Pure, so it is
 * tested without a browser; the dialog page only renders it as text (never as HTML).
 */
export interface SummaryCounts {
  tables: number;
  indicators: number;
  error: number;
  warning: number;
  info: number;
  /** The check failed; the message is generic (details stay in the pane). */
  failed: boolean;
}

const INT = /^\d{1,7}$/;

export function parseSummary(search: string): { counts: SummaryCounts; lang: "id" | "en" } {
  const q = new URLSearchParams(search);
  const n = (k: string): number => (INT.test(q.get(k) ?? "") ? Number(q.get(k)) : 0);
  return {
    counts: { tables: n("t"), indicators: n("n"), error: n("e"), warning: n("w"), info: n("i"), failed: q.get("f") === "1" },
    lang: q.get("lang") === "en" ? "en" : "id",
  };
}

export function summaryQuery(c: SummaryCounts, lang: "id" | "en"): string {
  return `t=${c.tables}&n=${c.indicators}&e=${c.error}&w=${c.warning}&i=${c.info}&f=${c.failed ? 1 : 0}&lang=${lang}`;
}

export function summaryLines(c: SummaryCounts, lang: "id" | "en"): { title: string; lines: string[]; close: string } {
  if (lang === "en") {
    if (c.failed) return { title: "IKI check failed", lines: ["The workbook could not be checked. Open the IKI Panel for details."], close: "Close" };
    if (c.tables === 0) return { title: "IKI check", lines: ["No IKI, IKU or measurement table was found in this workbook."], close: "Close" };
    return {
      title: "IKI check done",
      lines: [`${c.tables} tables, ${c.indicators} indicators.`, `${c.error} errors, ${c.warning} warnings, ${c.info} notes.`, "Flagged cells are coloured and carry a note; the IKI Panel lists every finding."],
      close: "Close",
    };
  }
  if (c.failed) return { title: "Pemeriksaan IKI gagal", lines: ["Buku kerja tidak dapat diperiksa. Buka Panel IKI untuk rinciannya."], close: "Tutup" };
  if (c.tables === 0) return { title: "Pemeriksaan IKI", lines: ["Tidak ditemukan tabel IKI, IKU, atau pengukuran kinerja di buku kerja ini."], close: "Tutup" };
  return {
    title: "Pemeriksaan IKI selesai",
    lines: [`${c.tables} tabel, ${c.indicators} indikator.`, `${c.error} galat, ${c.warning} peringatan, ${c.info} info.`, "Sel yang ditandai diberi warna dan catatan; Panel IKI memuat semua temuan."],
    close: "Tutup",
  };
}
