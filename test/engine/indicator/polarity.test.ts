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
])("%s → negative (%s)", (name, evidence) => {
  expect(polarityOf(name)).toEqual({ polarity: "negative", evidence: { source: "name", text: evidence } });
});

test.each([
  "Tindak Lanjut Hasil Temuan Administrasi dan Kerugian BPK atas audit LKPD 5 tahun terakhir yang telah diselesaikan",
  "Persentase temuan monitoring dan evaluasi program pembangunan daerah yang ditindaklanjuti",
  "persentase penanganan kasus/ pengaduan yang tertangani",
  "Jumlah data pelanggaran disiplin ASN yang tersusun",
])("%s → positive", (name) => {
  expect(polarityOf(name).polarity).toBe("positive");
});
