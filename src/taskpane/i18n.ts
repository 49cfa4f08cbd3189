/**
 * Task pane strings. Bahasa Indonesia is the default; English is one switch away.
 * Rule descriptions and finding messages come from the engine (both languages there);
 * everything else the pane shows is here. Numbers go through `formatNumber` (decimal
 * comma in Indonesian, point in English).
 */
import type { Severity } from "../engine/rules";
import type { Capaian } from "../engine/measure/capaian";
import { DEFAULT_LANG, LANGS, type Lang } from "../settings/lang";

export { DEFAULT_LANG, LANGS, type Lang };

const LANGUAGE_NAMES: Record<Lang, string> = { id: "Bahasa Indonesia", en: "English" };

const ID = {
  /** The product name; not translated. */
  appName: "IKI Checker",
  tagline: "Memeriksa tabel IKI, IKU, dan pengukuran kinerja langsung di Excel.",
  hostConnected: "Terhubung ke Excel",
  hostPreview: "Mode pratinjau tanpa Excel",
  previewHint: "Buka panel ini dari Excel (tab Beranda, Panel IKI) untuk memeriksa buku kerja.",
  excelNoSession: "Panel belum dapat membaca buku kerja pada versi ini. Gunakan tombol Periksa IKI di tab Beranda.",
  languageGroupLabel: "Bahasa",
  /** Each language's name, written in that language, for the switch. */
  languageNames: LANGUAGE_NAMES,

  tabs: { summary: "Ringkasan", indicators: "Indikator", findings: "Temuan", settings: "Pengaturan" },
  tabListLabel: "Tampilan panel",

  // Checking
  recheck: "Periksa ulang",
  checking: "Memeriksa buku kerja…",
  checkingProgress: (done: number, total: number) => `Memeriksa lembar ${done} dari ${total}`,
  checkedAt: (time: string) => `Diperiksa pukul ${time}`,
  busySaving: "Menyimpan dan memeriksa ulang…",

  // Summary
  summaryTotals: (tables: number, indicators: number) => `${tables} tabel, ${indicators} indikator`,
  findingsTotal: "Temuan",
  noFindings: "Tidak ada temuan",
  capaianTitle: "Sebaran capaian (s.d. periode terakhir)",
  capaianNone: "Belum ada capaian yang dapat dihitung (tidak ada realisasi atau target).",
  capaianChartLabel: (parts: string) => `Sebaran capaian: ${parts}`,
  noClass: "Tanpa capaian",
  sheet: "Lembar",
  jabatan: "Jabatan",
  jabatanMissing: "Jabatan tidak tertulis",
  perangkatDaerah: "Perangkat Daerah",
  tableKind: { IKI: "Tabel IKI", IKU: "Tabel IKU", PK: "Tabel pengukuran" } as Record<string, string>,
  tableRange: (range: string) => `data ${range}`,
  indicatorsByKind: "Indikator per jenis",
  kindsLabel: "Jenis:",
  showOnSheet: "Lihat indikator",
  fillCapaian: "Isi kolom Capaian",
  fillCapaianHint: "Menulis rumus Excel capaian s.d. periode terakhir di kolom milik IKI Checker di kanan tabel, agar penerima tanpa add-in melihat angkanya.",
  fillCapaianDone: (n: number, column: string, skipped: number) =>
    `${n} rumus ditulis di kolom ${column}.${skipped > 0 ? ` ${skipped} sel berisi angka Anda dibiarkan.` : ""}`,
  fillCapaianRefused: (column: string, cells: string) => `Kolom ${column} berisi data Anda (${cells}): tidak ada yang ditulis.`,

  // Indicators
  searchLabel: "Cari indikator",
  searchPlaceholder: "Nama indikator…",
  sheetFilterLabel: "Lembar",
  allSheets: "Semua lembar",
  noMatches: "Tidak ada indikator yang cocok.",
  indicatorCount: (n: number) => `${n} indikator`,
  target: "Target",
  targetNone: "Target tidak ada",
  realisasi: "Realisasi",
  capaian: "Capaian",
  capaianYtd: "Capaian s.d. periode terakhir",
  period: "Periode",
  periodsTitle: "Per periode",
  noPeriods: "Tabel ini belum punya kolom realisasi.",
  whyTitle: "Mengapa begini?",
  why: {
    kind: "Jenis",
    unit: "Satuan",
    polarity: "Polaritas",
    aggregation: "Agregasi",
    scale: "Skala nilai",
    byName: "menurut nama",
    byFormula: "menurut rumus",
  },
  evidenceSource: {
    name: "nama indikator",
    formula: "rumus",
    target: "target",
    satuan: "kolom Satuan",
    default: "bawaan",
  } as Record<string, string>,
  // Every reason the engine gives has its words (the check fails on a missing one).
  capaianReason: ({
    "no-target": "target tidak berupa angka",
    "no-realisation": "belum ada realisasi",
    "zero-target": "target nol",
    "zero-realisation": "realisasi nol (rumus T/R tidak terdefinisi)",
    "grade-unknown": "predikat tidak dikenali pada skala",
    "unreadable-realisation": "realisasi tidak terbaca sebagai angka",
    "unreadable-target": "target tidak terbaca",
  } satisfies Record<NonNullable<Capaian["reason"]>, string>) as Record<string, string>,
  formulaTitle: "Rumus",
  nativeFormula: "Rumus Excel capaian",
  overridesTitle: "Ubah penilaian baris ini",
  overridesHint: "Disimpan di buku kerja dan langsung diterapkan.",
  overrideAuto: (value: string) => `Otomatis (${value})`,
  overrideFields: { kind: "Jenis", polarity: "Polaritas", aggregation: "Agregasi", negativeFormula: "Rumus polaritas negatif" },
  overridden: "diubah",
  resetOverrides: "Kembalikan ke otomatis",
  findingsOfRow: (n: number) => `${n} temuan pada baris ini`,
  goToRow: "Ke baris",
  rowLabel: (sheet: string, row: number) => `${sheet}, baris ${row}`,

  kinds: {
    percentage: "Persentase",
    ratio: "Rasio",
    count: "Jumlah",
    index: "Indeks",
    grade: "Predikat",
    timeliness: "Ketepatan waktu",
    average: "Rata-rata",
    availability: "Ketersediaan",
    unknown: "Tak dikenali",
  } as Record<string, string>,
  polarities: { positive: "Positif", negative: "Negatif" } as Record<string, string>,
  polarityLong: { positive: "semakin tinggi semakin baik", negative: "semakin rendah semakin baik" } as Record<string, string>,
  aggregations: { cumulative: "Kumulatif", "non-cumulative": "Non-kumulatif", average: "Rata-rata" } as Record<string, string>,
  negativeFormulas: { inverse: "(2T − R) / T × 100", ratio: "T / R × 100" } as Record<string, string>,
  /** The engine's default-evidence phrases (written in Indonesian) as the pane shows them. */
  defaultEvidence: {} as Record<string, string>,

  // Findings
  severity: { error: "Galat", warning: "Peringatan", info: "Info" } as Record<Severity, string>,
  /** Heading over a severity's findings. */
  severityTitle: { error: "Galat", warning: "Peringatan", info: "Info" } as Record<Severity, string>,
  severityPlural: (s: Severity, n: number) => `${n} ${({ error: "galat", warning: "peringatan", info: "info" } as Record<Severity, string>)[s]}`,
  findingsNone: "Tidak ada temuan. Semua aturan yang aktif terpenuhi.",
  goToCell: "Ke sel",
  goToCellLabel: (sheet: string, cell: string) => `Ke sel ${cell} di lembar ${sheet}`,
  ignore: "Abaikan",
  ignoreLabel: (cell: string) => `Abaikan temuan di ${cell}`,
  restore: "Pulihkan",
  restoreLabel: (cell: string) => `Pulihkan temuan di ${cell}`,
  ignoredTitle: (n: number) => `Diabaikan (${n})`,
  ignoredHint: "Temuan yang diabaikan dicatat di buku kerja dan tidak diberi tanda.",
  suggestion: "Saran",
  showMore: (n: number) => `Tampilkan ${n} lagi`,
  ruleDoc: "Cara memperbaiki",
  cellOnSheet: (sheet: string, cell: string) => `${sheet}!${cell}`,

  // Settings
  settingsLanguage: "Bahasa",
  settingsLanguageHint: "Disimpan untuk Anda di perangkat ini, bukan di buku kerja.",
  settingsBands: "Kelas capaian",
  settingsBandsHint: "Batas kelas yang dipakai untuk menilai capaian.",
  bandSets: {
    permendagri86: "Permendagri 86/2017 (Sangat Tinggi – Sangat Rendah)",
    baik: "Sangat Baik – Sangat Kurang",
    berhasil: "Sangat Berhasil – Kurang Berhasil",
  } as Record<string, string>,
  settingsNegative: "Rumus bawaan polaritas negatif",
  settingsNegativeHint: "Untuk indikator yang semakin rendah semakin baik.",
  negativeFormulaLong: {
    inverse: "(2T − R) / T × 100 — bawaan, paling rendah 0",
    ratio: "T / R × 100 — dipakai sebagian aplikasi SAKIP",
  } as Record<string, string>,
  settingsRules: "Aturan pemeriksaan",
  settingsRulesHint: "Nyalakan, matikan, atau ubah tingkat tiap aturan. Disimpan di buku kerja.",
  ruleCategory: { definition: "Definisi indikator", measurement: "Pengukuran" } as Record<string, string>,
  ruleSeverityDefault: (s: string) => `Bawaan (${s})`,
  ruleOff: "Mati",
  settingsFlags: "Tanda di lembar",
  clearFlags: "Hapus semua tanda IKI Checker",
  clearFlagsDone: (n: number) => `${n} tanda dihapus. Tekan Periksa ulang untuk memasang lagi.`,
  settingsSaved: "Pengaturan disimpan di buku kerja.",

  // Errors and empty states
  noTablesTitle: "Tidak ada tabel indikator",
  noTablesBody:
    "Buku kerja ini tidak memuat tabel IKI, IKU, atau pengukuran kinerja yang dikenali. Sebuah tabel dikenali dari baris judul dengan kolom Indikator dan sedikitnya dua kolom lain (Target, Formula, Sumber Data, Realisasi …).",
  hostTooOldTitle: "Versi Excel ini terlalu lama",
  hostTooOldBody:
    "IKI Checker memerlukan Excel 2021, Microsoft 365, atau Excel di web (ExcelApi 1.13). Perbarui Excel, atau periksa berkas dengan iki-check.",
  checkFailedTitle: "Buku kerja tidak dapat diperiksa",
  checkFailedBody: "Terjadi kesalahan saat membaca buku kerja. Pastikan tidak ada sel yang sedang diedit, lalu coba lagi.",
  editModeBody: "Sebuah sel sedang diedit. Tekan Enter atau Esc di lembar, lalu coba lagi.",
  technicalDetail: "Rincian teknis",
  tryAgain: "Coba lagi",
  actionFailed: "Perubahan tidak tersimpan. Coba lagi.",
  dismiss: "Tutup",
  notices: {
    "notes-unsupported": "Versi Excel ini belum mendukung catatan sel; sel bertemuan hanya diberi warna, pesannya ada di panel ini.",
    "bindings-damaged": "Data IKI Checker yang tersimpan di buku kerja rusak dan diabaikan. Pengaturan, ubahan baris, dan temuan yang diabaikan kembali ke bawaan.",
    "binding-entry-ignored": "Satu entri data IKI Checker di buku kerja tidak terbaca dan diabaikan",
    "host-too-old": "Versi Excel ini terlalu lama untuk sebagian fitur.",
    "user-note-kept": "Sel yang sudah punya catatan atau komentar Anda tidak diberi catatan baru; pesannya ada di panel ini",
    "read-chunked": "Lembar besar dibaca bertahap",
    "live-failed": "Pemeriksaan otomatis setelah perubahan gagal; tanda bisa tertinggal. Tekan Periksa ulang.",
    "notes-capped": "Batas catatan per lembar tercapai: sel bertemuan lainnya hanya diberi warna, pesannya ada di tab Temuan",
    "formats-changed": "Format bersyarat lembar ini berubah saat penandaan; tanda diperiksa ulang. Periksa format bersyarat Anda di lembar",
  } as Record<string, string>,
};

export type Strings = typeof ID;

const EN: Strings = {
  appName: "IKI Checker",
  tagline: "Checks IKI, IKU and performance measurement tables right in Excel.",
  hostConnected: "Connected to Excel",
  hostPreview: "Preview mode without Excel",
  previewHint: "Open this pane from Excel (Home tab, IKI Panel) to check a workbook.",
  excelNoSession: "The pane cannot read the workbook in this version yet. Use the Check IKI button on the Home tab.",
  languageGroupLabel: "Language",
  languageNames: LANGUAGE_NAMES,

  tabs: { summary: "Summary", indicators: "Indicators", findings: "Findings", settings: "Settings" },
  tabListLabel: "Pane views",

  recheck: "Check again",
  checking: "Checking the workbook…",
  checkingProgress: (done, total) => `Checking sheet ${done} of ${total}`,
  checkedAt: (time) => `Checked at ${time}`,
  busySaving: "Saving and checking again…",

  summaryTotals: (tables, indicators) => `${tables} ${tables === 1 ? "table" : "tables"}, ${indicators} ${indicators === 1 ? "indicator" : "indicators"}`,
  findingsTotal: "Findings",
  noFindings: "No findings",
  capaianTitle: "Achievement to date (capaian)",
  capaianNone: "No achievement can be computed yet (no realisation or no target).",
  capaianChartLabel: (parts) => `Achievement distribution: ${parts}`,
  noClass: "No achievement",
  sheet: "Sheet",
  jabatan: "Position",
  jabatanMissing: "Position not stated",
  perangkatDaerah: "Agency",
  tableKind: { IKI: "IKI table", IKU: "IKU table", PK: "Measurement table" },
  tableRange: (range) => `data ${range}`,
  indicatorsByKind: "Indicators by kind",
  kindsLabel: "Kinds:",
  showOnSheet: "View indicators",
  fillCapaian: "Fill the Capaian column",
  fillCapaianHint: "Writes Excel formulas for achievement to date into a column IKI Checker owns, right of the table, so recipients without the add-in see the figures.",
  fillCapaianDone: (n, column, skipped) => `${n} ${n === 1 ? "formula" : "formulas"} written in column ${column}.${skipped > 0 ? ` ${skipped} ${skipped === 1 ? "cell" : "cells"} holding your figures left as they are.` : ""}`,
  fillCapaianRefused: (column, cells) => `Column ${column} holds your data (${cells}): nothing was written.`,

  searchLabel: "Search indicators",
  searchPlaceholder: "Indicator name…",
  sheetFilterLabel: "Sheet",
  allSheets: "All sheets",
  noMatches: "No matching indicator.",
  indicatorCount: (n) => `${n} ${n === 1 ? "indicator" : "indicators"}`,
  target: "Target",
  targetNone: "No target",
  realisasi: "Realisation",
  capaian: "Achievement",
  capaianYtd: "Achievement to date",
  period: "Period",
  periodsTitle: "By period",
  noPeriods: "This table has no realisation columns yet.",
  whyTitle: "Why?",
  why: {
    kind: "Kind",
    unit: "Unit",
    polarity: "Polarity",
    aggregation: "Aggregation",
    scale: "Grade scale",
    byName: "by its name",
    byFormula: "by its formula",
  },
  evidenceSource: {
    name: "indicator name",
    formula: "formula",
    target: "target",
    satuan: "Satuan column",
    default: "default",
  },
  capaianReason: {
    "no-target": "the target is not a number",
    "no-realisation": "no realisation yet",
    "zero-target": "the target is zero",
    "zero-realisation": "the realisation is zero (T/R is undefined)",
    "grade-unknown": "the grade is not on the scale",
    "unreadable-realisation": "a realisation cannot be read as a number",
    "unreadable-target": "the target cannot be read",
  },
  formulaTitle: "Formula",
  nativeFormula: "Achievement as an Excel formula",
  overridesTitle: "Change how this row is read",
  overridesHint: "Saved in the workbook and applied at once.",
  overrideAuto: (value) => `Automatic (${value})`,
  overrideFields: { kind: "Kind", polarity: "Polarity", aggregation: "Aggregation", negativeFormula: "Negative-polarity formula" },
  overridden: "changed",
  resetOverrides: "Back to automatic",
  findingsOfRow: (n) => `${n} ${n === 1 ? "finding" : "findings"} on this row`,
  goToRow: "Go to row",
  rowLabel: (sheet, row) => `${sheet}, row ${row}`,

  kinds: {
    percentage: "Percentage",
    ratio: "Ratio",
    count: "Count",
    index: "Index",
    grade: "Grade",
    timeliness: "Timeliness",
    average: "Average",
    availability: "Availability",
    unknown: "Unknown",
  },
  polarities: { positive: "Positive", negative: "Negative" },
  polarityLong: { positive: "higher is better", negative: "lower is better" },
  aggregations: { cumulative: "Cumulative", "non-cumulative": "Non-cumulative", average: "Average" },
  negativeFormulas: { inverse: "(2T − R) / T × 100", ratio: "T / R × 100" },
  defaultEvidence: {
    "semakin tinggi semakin baik": "higher is better (no wording says otherwise)",
    "jumlah keluaran dijumlahkan antarperiode": "counts of outputs add up over the periods",
    "nilai periode terakhir": "the latest period's value",
  },

  severity: { error: "Error", warning: "Warning", info: "Info" },
  severityTitle: { error: "Errors", warning: "Warnings", info: "Info" },
  severityPlural: (s, n) => `${n} ${s === "error" ? (n === 1 ? "error" : "errors") : s === "warning" ? (n === 1 ? "warning" : "warnings") : "info"}`,
  findingsNone: "No findings. Every active rule is satisfied.",
  goToCell: "Go to cell",
  goToCellLabel: (sheet, cell) => `Go to cell ${cell} on sheet ${sheet}`,
  ignore: "Ignore",
  ignoreLabel: (cell) => `Ignore the finding in ${cell}`,
  restore: "Restore",
  restoreLabel: (cell) => `Restore the finding in ${cell}`,
  ignoredTitle: (n) => `Ignored (${n})`,
  ignoredHint: "Ignored findings are recorded in the workbook and not flagged.",
  suggestion: "Suggestion",
  showMore: (n) => `Show ${n} more`,
  ruleDoc: "How to fix",
  cellOnSheet: (sheet, cell) => `${sheet}!${cell}`,

  settingsLanguage: "Language",
  settingsLanguageHint: "Kept for you on this device, not in the workbook.",
  settingsBands: "Achievement classes",
  settingsBandsHint: "The bands used to classify achievement.",
  bandSets: {
    permendagri86: "Permendagri 86/2017 (Very high – Very low)",
    baik: "Very good – Very poor",
    berhasil: "Very successful – Not successful",
  },
  settingsNegative: "Default negative-polarity formula",
  settingsNegativeHint: "For indicators where lower is better.",
  negativeFormulaLong: {
    inverse: "(2T − R) / T × 100 — the default, floored at 0",
    ratio: "T / R × 100 — used by some SAKIP applications",
  },
  settingsRules: "Rules",
  settingsRulesHint: "Switch each rule on or off, or change its severity. Saved in the workbook.",
  ruleCategory: { definition: "Indicator definition", measurement: "Measurement" },
  ruleSeverityDefault: (s) => `Default (${s})`,
  ruleOff: "Off",
  settingsFlags: "Flags on the sheets",
  clearFlags: "Remove all IKI Checker flags",
  clearFlagsDone: (n) => `${n} ${n === 1 ? "flag" : "flags"} removed. Press Check again to put them back.`,
  settingsSaved: "Settings saved in the workbook.",

  noTablesTitle: "No indicator table",
  noTablesBody:
    "This workbook holds no IKI, IKU or performance measurement table the checker recognises. A table is recognised by a header row with an Indikator column and at least two other known columns (Target, Formula, Sumber Data, Realisasi …).",
  hostTooOldTitle: "This version of Excel is too old",
  hostTooOldBody:
    "IKI Checker needs Excel 2021, Microsoft 365 or Excel on the web (ExcelApi 1.13). Update Excel, or check the file with iki-check.",
  checkFailedTitle: "The workbook could not be checked",
  checkFailedBody: "Something went wrong while reading the workbook. Make sure no cell is being edited, then try again.",
  editModeBody: "A cell is being edited. Press Enter or Esc on the sheet, then try again.",
  technicalDetail: "Technical detail",
  tryAgain: "Try again",
  actionFailed: "The change was not saved. Try again.",
  dismiss: "Dismiss",
  notices: {
    "notes-unsupported": "This version of Excel does not support cell notes; flagged cells are coloured only and their messages are in this pane.",
    "bindings-damaged": "The IKI Checker data stored in this workbook is damaged and was ignored. Settings, row changes and ignored findings are back to their defaults.",
    "binding-entry-ignored": "One entry of the IKI Checker data in the workbook could not be read and was ignored",
    "host-too-old": "This version of Excel is too old for some features.",
    "user-note-kept": "Cells that already had your note or comment got no new note; their messages are in this pane",
    "read-chunked": "Large sheets were read in parts",
    "live-failed": "The automatic re-check after a change failed; flags may be out of date. Press Check again.",
    "notes-capped": "The note limit per sheet was reached: further flagged cells are coloured only, their messages are in the Findings tab",
    "formats-changed": "This sheet's conditional formats changed while flags were written; the flags are checked again. Please look over your conditional formats on sheet",
  },
};

export const STRINGS: Record<Lang, Strings> = { id: ID, en: EN };

export function strings(lang: Lang): Strings {
  return STRINGS[lang];
}

/** 99,52 in Indonesian, 99.52 in English; at most `digits` decimals. */
export function formatNumber(value: number, lang: Lang, digits = 2): string {
  return new Intl.NumberFormat(lang === "id" ? "id-ID" : "en-US", { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value: number, lang: Lang): string {
  return `${formatNumber(value, lang)}%`;
}

export function formatTime(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === "id" ? "id-ID" : "en-GB", { hour: "2-digit", minute: "2-digit" }).format(new Date(ms));
}
