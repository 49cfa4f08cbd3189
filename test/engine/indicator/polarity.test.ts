/**
 * Negative polarity from the wording DOMAIN.md and PRODUCT.md §2.2 name: an explicit
 * "semakin rendah semakin baik", or an indicator that measures bad things itself. (The
 * seeds have none; their counts of reports *about* violations stay positive.)
 */
import { polarityOf } from "../../../src/engine/indicator/kind";

test.each([
  ["Jumlah pelanggaran disiplin ASN", "pelanggaran"],
  ["Jumlah temuan BPK", "temuan"],
  ["Angka pengangguran terbuka", "pengangguran"],
  ["Jumlah konflik sosial", "konflik"],
  ["Rata-rata waktu penyelesaian SPM (semakin rendah semakin baik)", "semakin rendah semakin baik"],
  // What is still unhandled: the seeds' "yang ditindaklanjuti" rows turned around.
  ["Persentase temuan BPK yang belum ditindaklanjuti", "belum ditindaklanjuti"],
  ["Persentase temuan monitoring dan evaluasi program pembangunan daerah yang tidak ditindaklanjuti", "tidak ditindaklanjuti"],
  ["persentase kasus/ pengaduan yang tidak tertangani", "tidak tertangani"],
  ["Jumlah SKPD yang tidak tepat waktu menyampaikan LPPD", "tidak tepat waktu"],
  // Durations: less time is better.
  ["Rata-rata waktu penyelesaian SPM", "Rata-rata waktu penyelesaian"],
  ["Lama waktu pelayanan perizinan (hari)", "Lama waktu pelayanan"],
])("%s → negative (%s)", (name, evidence) => {
  expect(polarityOf(name)).toEqual({ polarity: "negative", evidence: { source: "name", text: evidence } });
});

test.each([
  "Tindak Lanjut Hasil Temuan Administrasi dan Kerugian BPK atas audit LKPD 5 tahun terakhir yang telah diselesaikan",
  "Persentase temuan monitoring dan evaluasi program pembangunan daerah yang ditindaklanjuti",
  "persentase penanganan kasus/ pengaduan yang tertangani",
  "Jumlah data pelanggaran disiplin ASN yang tersusun",
  // Timeliness from the seeds: "Ketepatan waktu" is on-time, higher is better.
  "Ketepatan Waktu Penyampaian SKP paling lambat akhir bulan Februari setiap tahun",
  "Tingkat Ketepatan Waktu Penyampaian Laporan Keuangan SKPD per tanggal 24 Januari setiap tahun",
  "Tersusunnya dokumen perencanaan, penganggaran dan evaluasi kinerja PD tepat waktu",
])("%s → positive", (name) => {
  expect(polarityOf(name).polarity).toBe("positive");
});
