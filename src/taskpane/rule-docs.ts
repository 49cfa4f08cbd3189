/**
 * The pane's short doc per rule: how to fix it, in one or two sentences, in both
 * languages. What the rule catches is the engine's `meta.description`; the long form
 * (with seed examples) is docs/rules/<id>.md, which these summarise.
 */
import type { Text } from "../engine/rules";

export const RULE_FIX: Record<string, Text> = {
  "pct-without-ratio": {
    id: "Tulis rumus sebagai bagian terhadap keseluruhan dikali 100%, atau ganti nama indikator menjadi jumlah dengan target berupa jumlah.",
    en: "Write the formula as the part over the whole times 100%, or rename the indicator as a count with a count target.",
  },
  "count-with-ratio": {
    id: "Tentukan yang diukur: jumlah (nama dan target berupa jumlah) atau persentase (nama Persentase … dengan penyebut yang jelas). Jangan membagi dengan target.",
    en: "Decide what is measured: a count (name and target as counts) or a share (a Persentase … name with a clear denominator). Do not divide by the target.",
  },
  "target-unit-mismatch": {
    id: "Lihat dua dari tiga (nama, target, rumus) yang sepakat, lalu sesuaikan yang ketiga.",
    en: "See which two of name, target and formula agree, and bring the third in line.",
  },
  "formula-missing": {
    id: "Tuliskan cara menghitung angka dari data yang dimiliki perangkat daerah, misalnya … dibagi … dikali 100%.",
    en: "Write how the figure is computed from data the agency holds, e.g. … divided by … times 100%.",
  },
  "formula-restates-indicator": {
    id: "Sebutkan pembilang dan penyebutnya, atau metode penilaiannya (misalnya IKM = rata-rata NRR × 25).",
    en: "Name the numerator and the denominator, or the scoring method (e.g. IKM = mean NRR × 25).",
  },
  "indicator-vague": {
    id: "Lengkapi nama dengan objeknya (dokumen apa, layanan apa). Hanya info; boleh diabaikan bila templat sengaja menaruh objek di kolom sasaran.",
    en: "Complete the name with its object (which documents, which service). Info only; ignore it if the template keeps the object in the sasaran column.",
  },
  "formula-indicator-mismatch": {
    id: "Beri baris ini rumusnya sendiri, lalu periksa baris tetangga: kolom rumus yang bergeser satu baris menimbulkan temuan ini berulang.",
    en: "Give the row its own formula, then check the neighbouring rows: a formula column shifted by one row causes this repeatedly.",
  },
  "row-shift-suspected": {
    id: "Geser sel indikator dan rumus agar tiap sasaran bersebelahan dengan indikatornya sendiri.",
    en: "Move the indicator and formula cells so each sasaran sits next to its own indicator.",
  },
  "ratio-missing-scale": {
    id: "Tambahkan “dikali 100%” pada rumus persentase (atau hapus pada indikator rasio).",
    en: "Add “times 100%” to the percentage formula (or drop it for a ratio indicator).",
  },
  "target-missing": {
    id: "Ketik target beserta satuannya dari Perjanjian Kinerja atau Renja, misalnya 12 dokumen.",
    en: "Type the target with its unit from the Perjanjian Kinerja or Renja, e.g. 12 dokumen.",
  },
  "target-unparsed": {
    id: "Ketik ulang target sebagai angka dengan satuan dalam satu sel, dipisah spasi (misalnya 13 dokumen, 85%, B (65)).",
    en: "Retype the target as a number with its unit in one cell, separated by a space (e.g. 13 dokumen, 85%, B (65)).",
  },
  "grade-score-mismatch": {
    id: "Tentukan mana yang menjadi komitmen: perbaiki huruf predikat atau bawa nilainya ke rentang predikat itu.",
    en: "Decide which half is the commitment: correct the grade letter, or bring the score into that grade's band.",
  },
  "source-missing": {
    id: "Sebutkan dokumen atau sistem sumber realisasi (bukan unit penanggung jawab).",
    en: "Name the document or system the realisation comes from (not the unit responsible).",
  },
  numbering: {
    id: "Perbaiki nomor urut agar berurutan tanpa loncatan atau ganda.",
    en: "Renumber the rows so they run without gaps or repeats.",
  },
  "duplicate-indicator": {
    id: "Hapus baris kedua, atau ubah menjadi indikator yang sebenarnya dimaksud.",
    en: "Delete the second row, or edit it into the indicator it was meant to be.",
  },
  "realisasi-not-numeric": {
    id: "Ketik angkanya (misalnya 3, bukan tiga), dengan pemisah desimal sesuai pengaturan Excel.",
    en: "Type the number (3, not tiga), with the decimal separator of the workbook's locale.",
  },
  "realisasi-out-of-range": {
    id: "Hitung ulang dari catatannya: persentase bagian dari keseluruhan tidak melewati 100 dan jumlah tidak negatif.",
    en: "Recompute it from its records: a share of a whole cannot pass 100 and a count cannot be negative.",
  },
  "cumulative-decrease": {
    id: "Kolom s.d. TW adalah jumlah berjalan: ketik total sampai akhir triwulan itu, atau perbaiki judul kolom bila isinya per triwulan.",
    en: "s.d. TW columns are running totals: type the total to the end of that quarter, or fix the header if they hold per-quarter values.",
  },
  "capaian-mismatch": {
    id: "Ganti angka ketikan dengan rumus atas realisasi dan target baris itu; bila konvensinya berbeda, ubah penilaian baris di panel Indikator.",
    en: "Replace the typed figure with a formula over the row's realisation and target; if it follows another convention, change the row in the Indicators view.",
  },
  "realisasi-components-mismatch": {
    id: "Biarkan Excel menghitung realisasi dari komponennya (misalnya =I9/I10*100) agar tidak lagi berbeda.",
    en: "Let Excel compute the realisation from its components (e.g. =I9/I10*100) so they cannot drift apart.",
  },
  "division-by-zero": {
    id: "Isi target atau penyebut yang sebenarnya; bila periode ini tidak direncanakan, tandai tidak berlaku (-) dengan keterangan.",
    en: "Enter the real target or denominator; if nothing is planned for the period, mark it not applicable (-) with a note.",
  },
  "realisasi-gap": {
    id: "Isi periode yang kosong dengan angka yang dilaporkan saat itu; ketik 0 bila memang tidak ada capaian.",
    en: "Fill the empty period with the figure reported at the time; type 0 if nothing happened.",
  },
  "period-targets-inconsistent": {
    id: "Buat target triwulan berjumlah sama dengan target tahunan (kumulatif), atau target TW IV sama dengan target tahunan (non-kumulatif).",
    en: "Make the quarterly targets add up to the annual target (kumulatif), or the TW IV target equal it (non-kumulatif).",
  },
  "period-values-inconsistent": {
    id: "Biarkan triwulan dihitung dari bulannya (=SUM untuk kumulatif, bulan terakhir untuk non-kumulatif), atau perbaiki yang salah ketik.",
    en: "Let the quarter compute itself from its months (=SUM for kumulatif, the last month for non-kumulatif), or correct whichever was mistyped.",
  },
  "total-row-mismatch": {
    id: "Ketik ulang sel teks sebagai angka, perluas rentang rumus ke semua baris indikator, dan periksa capaian yang dirata-ratakan.",
    en: "Retype text cells as numbers, extend the formula's range over every indicator row, and check the capaian being averaged.",
  },
  "number-stored-as-text": {
    id: "Ketik sebagai angka (satuannya di kolom Satuan), dengan pemisah desimal sesuai pengaturan Excel, agar Excel ikut menghitungnya. Hanya info.",
    en: "Type it as a number (the unit in the Satuan column), with the workbook's decimal separator, so Excel counts it too. Info only.",
  },
  "percent-scale-mixed": {
    id: "Ketik persentasenya (90, bukan 0,9), atau beri sel format persen (0%); pakai satu skala untuk seluruh kolom.",
    en: "Type the percentage (90, not 0.9), or format the cell as a percentage (0%); use one scale for the whole column.",
  },
  "category-mismatch": {
    id: "Perbaiki kategori agar sesuai capaiannya, atau periksa capaian yang menjadi dasarnya. Hanya info.",
    en: "Correct the class to match its capaian, or check the capaian it was taken from. Info only.",
  },
  "layout-uncertain": {
    id: "Tampilkan atau hapus kolom tersembunyi yang berjudul, beri tiap periode satu kolom, dan pakai label kelas dari satu himpunan.",
    en: "Unhide or delete hidden columns that have a header, give each period one column, and use class labels from one band set.",
  },
};
