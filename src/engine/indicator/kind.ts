/**
 * The type of an indicator row — kind, unit, polarity, aggregation — decided from the
 * indicator text, the parsed formula, the target and a Satuan column together. Every
 * decision keeps its evidence (which words or parts decided it) so the task pane can
 * explain it and a rule can compare what the name says with what the formula computes.
 */
import type { ParsedFormula } from "../formula";
import type { Expr } from "../formula/ast";
import { displayText } from "../text";
import { COUNT_WORD, STRAY_ROW_NUMBER, TIMELINESS } from "../vocab";
import type { Target } from "./target";
import { scaleForIndicator, type ScaleId } from "../measure/grade-scales";

export type IndicatorKind =
  | "percentage"
  | "ratio"
  | "count"
  | "index"
  | "grade"
  | "timeliness"
  | "average"
  | "availability"
  | "unknown";

export type Polarity = "positive" | "negative";
export type Aggregation = "cumulative" | "non-cumulative" | "average";

export interface Evidence {
  source: "name" | "formula" | "target" | "satuan" | "default";
  /** The words or part that decided. */
  text: string;
}

export interface IndicatorType {
  kind: IndicatorKind;
  kindEvidence: Evidence[];
  /** What the name alone says, and what the formula alone computes (they may disagree). */
  kindByName: IndicatorKind | null;
  kindByFormula: IndicatorKind | null;
  unit: string | null;
  unitEvidence: Evidence | null;
  polarity: Polarity;
  polarityEvidence: Evidence;
  aggregation: Aggregation;
  aggregationEvidence: Evidence;
  scale: ScaleId | null;
}


/** Nouns that count things (from the seeds' targets and names). */
export const COUNT_UNITS = [
  "dokumen", "laporan", "orang", "kegiatan", "titik", "desa", "paket", "urusan", "kesepakatan", "unit", "kali",
  "jenis", "surat", "kebijakan", "organisasi", "pegawai", "asn", "skpd", "opd", "kecamatan", "kasus", "perkara",
  "layanan", "rekomendasi", "data", "rancangan", "berkas", "naskah", "buku", "aplikasi", "sistem", "inovasi",
  "peraturan", "produk", "bumd", "blud", "poin", "sk", "sertifikat", "lembaga", "forum", "rapat", "pelaporan",
];

/** Outputs add up over quarters; stocks (people, places) are counted as they stand. */
const STOCK_UNITS = new Set(["orang", "pegawai", "asn", "desa", "titik", "kecamatan", "skpd", "opd", "unit", "lembaga", "organisasi"]);

interface Match {
  kind: IndicatorKind;
  text: string;
}

function firstMatch(text: string, patterns: [RegExp, IndicatorKind][]): Match | null {
  for (const [re, kind] of patterns) {
    const m = re.exec(text);
    if (m) return { kind, text: m[0] };
  }
  return null;
}

const NAME_PATTERNS: [RegExp, IndicatorKind][] = [
  [/^(?:persentase|presentase|prosentase|persen)\b|^%\s*\S+|\(%\)/i, "percentage"],
  [new RegExp(`^(?:${COUNT_WORD})\\b`, "i"), "count"],
  [TIMELINESS, "timeliness"],
  [/^(?:indeks|ikm|skm)\b|\bindeks\b/i, "index"],
  [/^rata[\s-]*rata\s+(?:skor|nilai|indeks)\b/i, "index"],
  [/^rata[\s-]*rata\b/i, "average"],
  [/^(?:predikat|opini)\b/i, "grade"],
  [/^(?:nilai|nila|skor|penilaian)\b|\bnilai\s+(?:sakip|maturitas)\b/i, "index"],
  [/^tingkat\s+kepuasan\b/i, "index"],
  [/^(?:tersedia(?:nya)?|ketersediaan)\b|\btersedia\b/i, "availability"],
];

export function kindFromName(name: string): Match | null {
  const t = displayText(name).replace(STRAY_ROW_NUMBER, "");
  return firstMatch(t, NAME_PATTERNS);
}

function shapeOf(expr: Expr): IndicatorKind | null {
  if (expr.type === "agg") return expr.fn === "AVG" ? "average" : "index";
  if (expr.type !== "bin") return null;
  if (expr.op === "*" && expr.right.type === "num" && expr.right.value === 100) {
    return expr.left.type === "bin" && expr.left.op === "/" ? "percentage" : null;
  }
  if (expr.op === "/") {
    // Σ(score × weight) / Σ weight: a weighted mean score (IKM).
    if (expr.left.type === "agg" || expr.right.type === "agg") return "index";
    return "ratio";
  }
  return null;
}

export function kindFromFormula(f: ParsedFormula): Match | null {
  if (f.cls === "expression" && f.expr) {
    const k = shapeOf(f.expr);
    return k ? { kind: k, text: f.text } : null;
  }
  if (f.cls === "count") return { kind: "count", text: f.countObject ?? f.text };
  if (f.cls === "timeliness") return { kind: "timeliness", text: f.text };
  const avail = /^(?:tersedia(?:nya)?|ketersediaan)\b/i.exec(displayText(f.text));
  if (avail) return { kind: "availability", text: avail[0] };
  return null;
}

function kindFromSatuan(satuan: string): Match | null {
  const t = displayText(satuan).toLowerCase();
  if (!t) return null;
  if (/^(%|persen|prosen)$/.test(t)) return { kind: "percentage", text: satuan };
  if (/^(indeks|nilai|skor|poin|angka)$/.test(t)) return { kind: "index", text: satuan };
  if (/^(predikat|kategori)$/.test(t)) return { kind: "grade", text: satuan };
  if (COUNT_UNITS.includes(t)) return { kind: "count", text: satuan };
  return null;
}

function kindFromTarget(t: Target): Match | null {
  if (t.form === "percent" || (t.form === "range" && t.unit === "%")) return { kind: "percentage", text: t.text };
  if (t.form === "count") return { kind: "count", text: t.text };
  if (t.form === "grade") return { kind: "grade", text: t.text };
  return null;
}

/**
 * Only explicit wording: `penurunan`/`berkurangnya` name what is measured ("Persentase
 * penurunan angka stunting" — a larger reduction is better), not the direction.
 */
const NEGATIVE_WORDS = /semakin\s+(?:rendah|kecil|sedikit)\s+semakin\s+baik/i;
/** Things an indicator counts when fewer is better. */
const BAD_THINGS =
  /^(?:temuan|pelanggaran|konflik|pengangguran|kemiskinan|penduduk miskin|kecelakaan|kerugian|tunggakan|sengketa|gangguan|kriminalitas|korupsi|kasus|pengaduan|keluhan|stunting|balita stunting|kebakaran|kematian)\b/i;
const HANDLING = /tindak\s*lanjut|ditindaklanjuti|diselesaikan|penyelesaian|terselesaikan|tertangani|ditangani|penanganan|pencegahan|dicegah|difasilitasi|fasilitasi/i;
/** The measure word that opens a name; the bad thing must be what it measures (`Jumlah pelanggaran …`, not `Jumlah data pelanggaran …`). */
const MEASURE = /^(?:\d{1,3}\s+)?(?:jumlah|banyaknya|persentase|angka|tingkat|rasio|indeks|nilai|prevalensi)\s+/i;

/**
 * What is still *not* handled: "… yang belum ditindaklanjuti", "… tidak terselesaikan",
 * "… tidak tepat waktu". Fewer is better whatever is counted, so this outranks HANDLING.
 */
const UNHANDLED =
  /\b(?:belum|tidak)\s+(?:di\s*)?(?:tindak\s*lanjut(?:i)?|ditindaklanjuti|selesai|diselesaikan|terselesaikan|tertangani|ditangani|terealisasi|tepat\s+waktu)\b/i;
/**
 * A duration: "Rata-rata waktu penyelesaian SPM", "Lama waktu pelayanan (hari)". Less time
 * is better. "Ketepatan waktu …" (timeliness) does not open with these words.
 */
const DURATION =
  /^(?:rata-rata\s+)?(?:lama(?:nya)?\s+)?waktu\s+(?:penyelesaian|pelayanan|tunggu|proses|penanganan|penerbitan|pengurusan|respon|tanggap)|^(?:rata-rata\s+)?lama(?:nya)?\s+(?:penyelesaian|pelayanan|proses|penanganan|penerbitan|pengurusan)/i;

export function polarityOf(name: string): { polarity: Polarity; evidence: Evidence } {
  const t = displayText(name);
  const neg = NEGATIVE_WORDS.exec(t) ?? UNHANDLED.exec(t) ?? DURATION.exec(t);
  if (neg) return { polarity: "negative", evidence: { source: "name", text: neg[0] } };
  const measured = t.replace(MEASURE, "");
  const bad = BAD_THINGS.exec(measured);
  if (bad && measured !== t && !HANDLING.test(t)) return { polarity: "negative", evidence: { source: "name", text: bad[0] } };
  return { polarity: "positive", evidence: { source: "default", text: "semakin tinggi semakin baik" } };
}

function unitFromName(name: string): string | null {
  const m = new RegExp(`^(?:${COUNT_WORD})\\s+(?:[a-z]+\\s+)?([a-z]+)`, "i").exec(displayText(name));
  const first = new RegExp(`^(?:${COUNT_WORD})\\s+([a-z]+)`, "i").exec(displayText(name));
  for (const w of [first?.[1], m?.[1]]) if (w && COUNT_UNITS.includes(w.toLowerCase())) return w.toLowerCase();
  return null;
}

export interface TypeInput {
  name: string;
  formula: ParsedFormula;
  target: Target;
  satuan?: string | null;
  /** The grade scale, decided once by the caller from the name and formula text. */
  scale?: ScaleId | null;
}

export function typeIndicator(input: TypeInput): IndicatorType {
  const { name, formula, target } = input;
  const scale = input.scale !== undefined ? input.scale : scaleForIndicator(name);
  const byName = kindFromName(name);
  const byFormula = kindFromFormula(formula);
  const bySatuan = input.satuan ? kindFromSatuan(input.satuan) : null;
  const byTarget = kindFromTarget(target);

  const evidence: Evidence[] = [];
  if (byName) evidence.push({ source: "name", text: byName.text });
  if (byFormula) evidence.push({ source: "formula", text: byFormula.text });
  if (bySatuan) evidence.push({ source: "satuan", text: bySatuan.text });
  if (byTarget) evidence.push({ source: "target", text: byTarget.text });

  let kind: IndicatorKind = byName?.kind ?? byFormula?.kind ?? bySatuan?.kind ?? byTarget?.kind ?? "unknown";
  // `Nilai SAKIP` / `Predikat …` with a letter target is a grade; `Indeks …` stays an index.
  if (kind === "index" && byTarget?.kind === "grade" && /^(?:nilai|skor)\b/i.test(displayText(name))) kind = "grade";
  // `Capaian Indikator Kinerja` computed as `Rata-rata capaian IKU` is an average.
  if (!byName && /^capaian\b/i.test(displayText(name)) && byFormula?.kind === "average") kind = "average";
  if (kind === "unknown" && byFormula?.kind === undefined && formula.cls === "external" && scale) kind = "index";

  const pol = polarityOf(name);
  const unit = unitOf(kind, name, target, input.satuan ?? null);
  const aggregation = aggregationOf(kind, formula, unit.unit);
  return {
    kind,
    kindEvidence: evidence,
    kindByName: byName?.kind ?? null,
    kindByFormula: byFormula?.kind ?? null,
    unit: unit.unit,
    unitEvidence: unit.evidence,
    polarity: pol.polarity,
    polarityEvidence: pol.evidence,
    aggregation: aggregation.aggregation,
    aggregationEvidence: aggregation.evidence,
    scale,
  };
}

function unitOf(kind: IndicatorKind, name: string, target: Target, satuan: string | null): { unit: string | null; evidence: Evidence | null } {
  if (kind === "percentage") return { unit: "%", evidence: { source: target.unit === "%" ? "target" : "name", text: "%" } };
  if (target.unit && target.unit !== "%") return { unit: target.unit, evidence: { source: "target", text: target.text } };
  if (satuan && displayText(satuan)) return { unit: displayText(satuan).toLowerCase(), evidence: { source: "satuan", text: satuan } };
  if (kind === "count") {
    const u = unitFromName(name);
    if (u) return { unit: u, evidence: { source: "name", text: u } };
  }
  return { unit: null, evidence: null };
}

function aggregationOf(kind: IndicatorKind, formula: ParsedFormula, unit: string | null): { aggregation: Aggregation; evidence: Evidence } {
  if (formula.tipe) {
    const t = formula.tipe.toLowerCase();
    const ev: Evidence = { source: "formula", text: `Tipe Penghitungan : ${formula.tipe}` };
    if (/non/.test(t) || /nilai akhir/.test(t)) return { aggregation: "non-cumulative", evidence: ev };
    if (/rata/.test(t)) return { aggregation: "average", evidence: ev };
    if (/k[ou]mulatif/.test(t)) return { aggregation: "cumulative", evidence: ev };
  }
  if ((kind === "count" || kind === "availability") && !(unit && STOCK_UNITS.has(unit))) {
    return { aggregation: "cumulative", evidence: { source: "default", text: "jumlah keluaran dijumlahkan antarperiode" } };
  }
  return { aggregation: "non-cumulative", evidence: { source: "default", text: "nilai periode terakhir" } };
}
