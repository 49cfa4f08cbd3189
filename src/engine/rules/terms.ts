/**
 * Key terms of indicator text, for the text-comparison rules: Indonesian stop words and
 * measure words dropped, the usual abbreviations expanded (SKP, LHKPN, SPT, RUP, BMD,
 * FKP, BPK …) so that "Sasaran Kinerja Pegawai (SKP)" and "SKP" share their terms, and
 * typos tolerated when comparing.
 */
import { displayText, editDistance, memo } from "../text";

const STOP = new Set(
  (
    "yang dan di ke dari untuk dengan pada dalam atau serta oleh terhadap per setiap tiap tahun bulan tanggal " +
    "jumlah jumah jumlh persentase presentase prosentase tingkat nilai angka indeks rasio rata total " +
    "terlaksananya tersedianya meningkatnya terwujudnya mewujudkan meningkatkan peningkatan pelaksanaan " +
    "penyusunan tersusunnya ketersediaan terpenuhinya pemenuhan kegiatan perangkat daerah badan pd opd skpd " +
    "sesuai berdasarkan telah sudah akan dapat adalah ini itu tersebut secara atas sebagai paling lambat akhir " +
    "dokumen laporan data orang surat paket unit kali jenis kesbangpol kabupaten"
  ).split(/\s+/),
);

/** Abbreviations of the seeds and their words. */
export const ABBREVIATIONS: Record<string, string> = {
  skp: "sasaran kinerja pegawai",
  lhkpn: "laporan harta kekayaan penyelenggara negara",
  spt: "surat pemberitahuan tahunan",
  rup: "rencana umum pengadaan",
  bmd: "barang milik daerah",
  fkp: "forum konsultasi publik",
  bpk: "badan pemeriksa keuangan",
  lkjp: "laporan kinerja instansi pemerintah",
  lkjip: "laporan kinerja instansi pemerintah",
  sakip: "sistem akuntabilitas kinerja instansi pemerintah",
  spip: "sistem pengendalian intern pemerintah",
  ikm: "indeks kepuasan masyarakat",
  skm: "survei kepuasan masyarakat",
  rkbm: "rencana kebutuhan barang milik daerah",
  shs: "standar harga satuan",
  lkpd: "laporan keuangan pemerintah daerah",
  lppd: "laporan penyelenggaraan pemerintahan daerah",
  lkpj: "laporan keterangan pertanggungjawaban",
  asn: "aparatur sipil negara",
  dpa: "dokumen pelaksanaan anggaran",
  rka: "rencana kerja anggaran",
  spd: "surat penyediaan dana",
  spp: "surat permintaan pembayaran",
  spm: "surat perintah membayar",
  sp4n: "sistem pengelolaan pengaduan pelayanan publik nasional",
  p3dn: "peningkatan penggunaan produk dalam negeri",
};

function words(text: string): string[] {
  return displayText(text)
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean);
}

/** Content words of a text, abbreviations and their expansions both included (memoised: treat as read-only). */
export const keyTerms: (text: string) => ReadonlySet<string> = memo(computeKeyTerms);

function computeKeyTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of words(text)) {
    if (/^\d+$/.test(w) || w.length < 3 || STOP.has(w)) continue;
    out.add(w);
    const expanded = ABBREVIATIONS[w];
    if (expanded) for (const e of expanded.split(" ")) if (!STOP.has(e) && e.length >= 3) out.add(e);
  }
  // A spelled-out abbreviation also stands for the abbreviation.
  const joined = ` ${words(text).join(" ")} `;
  for (const [abbr, full] of Object.entries(ABBREVIATIONS)) if (joined.includes(` ${full} `)) out.add(abbr);
  return out;
}

function termMatches(a: string, b: string): boolean {
  if (a === b) return true;
  // A root inside its derived word: `rencana` / `perencanaan`, `dinas` / `kedinasan`.
  if ((a.length >= 5 && b.includes(a)) || (b.length >= 5 && a.includes(b))) return true;
  // Typos rarely touch both first letters: a cheap test before the edit distance.
  if (a.length >= 6 && b.length >= 6 && (a[0] === b[0] || a[1] === b[1]) && editDistance(a, b) <= 2) return true;
  // Stems: `kepatuhan` / `patuh`, `penyampaian` / `penyampaikan`.
  return a.length >= 5 && b.length >= 5 && (a.startsWith(b.slice(0, 5)) || b.startsWith(a.slice(0, 5))) && Math.abs(a.length - b.length) <= 3;
}

/** Administrative words that many indicators share: they do not tell one indicator from another. */
const GENERIC = new Set(
  "tindak lanjut hasil penyampaian pelaporan pelaksanaan penyusunan kepatuhan ketepatan waktu menilai penilaian pengelolaan penyelenggaraan".split(" "),
);

/** Key terms without the generic administrative words. */
export const distinctiveTerms: (text: string) => ReadonlySet<string> = memo((text) => new Set([...keyTerms(text)].filter((t) => !GENERIC.has(t))));

/** Memo of `shared` by the (memoised, so identical) term sets: tables repeat their texts. */
const sharedMemo = new WeakMap<ReadonlySet<string>, Map<ReadonlySet<string>, number>>();

/** How many terms of `a` find a match in `b`. */
export function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let row = sharedMemo.get(a);
  if (!row) {
    row = new Map();
    sharedMemo.set(a, row);
  }
  const hit = row.get(b);
  if (hit !== undefined) return hit;
  const n = countShared(a, b);
  if (row.size < 5_000) row.set(b, n);
  return n;
}

function countShared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) {
    // Exact first; the fuzzy rules (roots, typos, stems) only apply from five letters on.
    if (b.has(x)) n++;
    else if (x.length >= 5) {
      for (const y of b) {
        if (y.length >= 5 && termMatches(x, y)) {
          n++;
          break;
        }
      }
    }
  }
  return n;
}
