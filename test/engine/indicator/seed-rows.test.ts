/**
 * Kinds, units, polarity, aggregation and targets on real seed rows, the hard ones
 * included: seed 002's "Persentase Pengadaan BMD" (a percentage by name, a count by
 * formula), seed 001's grade targets, seed 004's `2.991` and `3,01 (-B)`.
 */
import { findRow, findRows, SEED } from "../../support/indicators";
import { printCanonical } from "../../../src/engine/formula";
import { parseTarget } from "../../../src/engine/indicator/target";
import { gradeForScore, scaleForIndicator, SCALES } from "../../../src/engine/measure/grade-scales";

test("002 Persentase Pengadaan BMD: percentage by name, count by formula — both recorded", async () => {
  const { typed } = await findRow(SEED.s002, "Persentase Pengadaan BMD");
  expect(typed.formula.text).toBe("Jumlah Pengadaan");
  expect(typed.type.kindByName).toBe("percentage");
  expect(typed.type.kindByFormula).toBe("count");
  expect(typed.type.kind).toBe("percentage");
  expect(typed.type.kindEvidence).toEqual([
    { source: "name", text: "Persentase" },
    { source: "formula", text: "Pengadaan" },
  ]);
});

test("000 Jumlah Dokumen administrasi …: count by name, percentage by formula", async () => {
  const { typed } = await findRow(SEED.s000, "Jumlah Dokumen administrasi dan pengembangan aparatur");
  expect(typed.type.kind).toBe("count");
  expect(typed.type.kindByFormula).toBe("percentage");
  expect(typed.type.unit).toBe("dokumen");
  expect(typed.type.aggregation).toBe("cumulative");
  expect(printCanonical(typed.formula.expr!)).toBe(
    "[Jumlah Realisasi Dokumen Administrasi dan Pengembangan Aparatur] / [Target Jumlah Dokumen] * 100",
  );
});

describe("001 grade targets", () => {
  test("Nilai SAKIP Perangkat Daerah, B (65): a SAKIP grade with its score", async () => {
    const { typed } = await findRow(SEED.s001, "Nilai SAKIP Perangkat Daerah", "Kepala dan Sekretariat");
    expect(typed.target).toMatchObject({ form: "grade", grade: "B", value: 65, scale: "SAKIP", text: "B (65)" });
    expect(typed.type.kind).toBe("grade");
    expect(typed.type.scale).toBe("SAKIP");
    // Tipe Penghitungan : Non kumulatif, from the HTML wrapper.
    expect(typed.formula.tipe).toBe("Non kumulatif");
    expect(typed.type.aggregation).toBe("non-cumulative");
    expect(typed.type.aggregationEvidence).toEqual({ source: "formula", text: "Tipe Penghitungan : Non kumulatif" });
    expect(printCanonical(typed.formula.expr!)).toBe("SUM([Skor aspek_i])");
  });

  test("Indeks Survei Kepuasan Pegawai, <p>B (80)</p>: an index even with a grade target, on the IKM scale", async () => {
    const { typed } = await findRow(SEED.s001, "Indeks Survei Kepuasan Pegawai", "Kepala dan Sekretariat");
    expect(typed.target).toMatchObject({ form: "grade", grade: "B", value: 80, scale: "IKM" });
    expect(typed.type.kind).toBe("index");
    expect(printCanonical(typed.formula.expr!)).toBe("SUM([Skor_i] * [f_i]) / SUM([f_i])");
  });

  test("Tingkat kepuasan pelayanan administrasi umum PD, B(80) without a space", async () => {
    const { typed } = await findRow(SEED.s001, "Tingkat kepuasan pelayanan administrasi umum PD");
    expect(typed.target).toMatchObject({ form: "grade", grade: "B", value: 80, scale: "IKM" });
    expect(typed.type.kind).toBe("index");
    expect(printCanonical(typed.formula.expr!)).toBe("[Jumlah Bobot] / [Jumlah Unsur]");
  });

  test("Persentase pejabat ASN … formal, 80%, Tipe Penghitungan : Kumulatif", async () => {
    const { typed } = await findRow(
      SEED.s001,
      "Persentase pejabat ASN yang telah mengikuti pendidikan dan pelatihan formal",
      "Kepala dan Sekretariat",
    );
    expect(typed.target).toMatchObject({ form: "percent", value: 80, unit: "%" });
    expect(typed.type).toMatchObject({ kind: "percentage", unit: "%", aggregation: "cumulative" });
  });

  test("Jumlah orang yang menerima gaji dan tunjangan ASN, 31 orang: a stock, not summed over quarters", async () => {
    const { typed } = await findRow(SEED.s001, "Jumlah orang yang menerima gaji");
    expect(typed.target).toMatchObject({ form: "count", value: 31, unit: "orang" });
    expect(typed.type).toMatchObject({ kind: "count", unit: "orang", aggregation: "non-cumulative" });
  });

  test("a target typo (`1 3dokumen`) is not read as a number with a unit", async () => {
    const { typed } = await findRow(SEED.s001, "Jumlah laporan pajak PPN");
    expect(typed.target).toMatchObject({ form: "unparsed", text: "1 3dokumen" });
  });
});

describe("004 IKU targets per year", () => {
  test("Rata-rata skor pelayanan PATEN di Kecamatan: 2.991 is a score of 2.991, and the ambiguity is reported", async () => {
    const { typed } = await findRow(SEED.s004, "Rata-rata skor pelayanan PATEN");
    expect(typed.target).toBeNull(); // per-year targets only
    expect(typed.targets["2021"]).toMatchObject({ form: "number", value: 2.991 });
    expect(typed.targets["2021"].ambiguity).toEqual({ raw: "2.991", chosen: 2.991, other: 2991, reason: "smallScale" });
    expect(typed.targets["2022"]).toMatchObject({ value: 3.05, ambiguity: null });
    expect(typed.type.kind).toBe("index");
  });

});

test("004 Indeks Pelayanan Publik: `3,01 (-B)` … `4,91 (A)` are IPP grades (B-, A-, A) with their scores", async () => {
  // In the source this row is shifted one column left (the name sits under Sasaran), so the
  // cells are read here directly, on the scale the name chooses.
  const rows = await findRows(SEED.s004, "");
  const ipp = rows.find((r) => r.row.sasaran === "Indeks Pelayanan Publik");
  expect(ipp).toBeDefined();
  const texts = Object.values(ipp!.row.cells).slice(1, 9);
  expect(texts).toEqual([
    "<p>3,01 (-B)</p>",
    "<p>3,01 (-B)</p>",
    "<p>3,40 (-B)</p>",
    "<p>3,51 (B)</p>",
    "<p>3,80 (B)</p>",
    "<p>4,01 (-A)</p>",
    "<p>4,91 (A)</p>",
    "<p>4,91 (A)</p>",
  ]);
  const scale = scaleForIndicator("Indeks Pelayanan Publik");
  expect(scale).toBe("IPP");
  const parsed = texts.map((t) => parseTarget(t, { scale }));
  expect(parsed.map((p) => [p.form, p.grade, p.value])).toEqual([
    ["grade", "B-", 3.01],
    ["grade", "B-", 3.01],
    ["grade", "B-", 3.4],
    ["grade", "B", 3.51],
    ["grade", "B", 3.8],
    ["grade", "A-", 4.01],
    ["grade", "A", 4.91],
    ["grade", "A", 4.91],
  ]);
  // And each score sits in its grade's band on the IPP scale.
  for (const p of parsed) expect(gradeForScore(SCALES.IPP, p.value!)).toBe(p.grade);
});

test("004 Jumlah SKPD yang menyampaikan LPPD dan LKPJ tepat waktu: a count by name with a 100% target", async () => {
  const { typed } = await findRow(SEED.s004, "Jumlah SKPD yang menyampaikan LPPD");
  expect(typed.type.kind).toBe("count");
  expect(typed.targets["2021"]).toMatchObject({ form: "percent", value: 100 });
});

test("004 counts with unit nouns in the targets: 6 Urusan, 10 Kesepakatan, 10 titik, 6 Desa", async () => {
  expect((await findRow(SEED.s004, "Jumlah Laporan SPM")).typed.targets["2021"]).toMatchObject({ form: "count", value: 6, unit: "urusan" });
  expect((await findRow(SEED.s004, "Jumlah dokumen kesepakatan")).typed.targets["2021"]).toMatchObject({ value: 10, unit: "kesepakatan" });
  expect((await findRow(SEED.s004, "Jumlah pilar batas daerah sesuai")).typed.targets["2021"]).toMatchObject({ value: 10, unit: "titik" });
  expect((await findRow(SEED.s004, "Jumlah Desa yang penamaan")).typed.targets["2021"]).toMatchObject({ value: 6, unit: "desa" });
});

test("002 Tingkat Ketepatan Waktu … is timeliness; the SPT Tahunan row too", async () => {
  expect((await findRow(SEED.s002, "Tingkat Ketepatan waktu input e-Pantau")).typed.type.kind).toBe("timeliness");
  expect((await findRow(SEED.s002, "Tingkat Kepatuhan Penyampaian SPT Tahunan")).typed.type.kind).toBe("timeliness");
});

test("002 Capaian Indikator Kinerja Perangkat Daerah / Rata-rata capaian IKU: an average", async () => {
  const { typed } = await findRow(SEED.s002, "Capaian Indikator Kinerja Perangkat Daerah");
  expect(typed.type.kind).toBe("average");
  expect(printCanonical(typed.formula.expr!)).toBe("AVG([capaian IKU Perangkat Daerah])");
});

test("002 Tindak Lanjut Hasil Temuan … BPK: findings being followed up is positive", async () => {
  const { typed } = await findRow(SEED.s002, "Tindak Lanjut Hasil Temuan");
  expect(typed.type.polarity).toBe("positive");
});

describe("polarity", () => {
  test("001: counting documents about violations is not counting violations — positive", async () => {
    for (const name of [
      "Jumlah data pelanggaran disiplin ASN yang tersusun",
      "Jumlah rekapitulasi pelanggaran disiplin berat, sedang dan ringan",
      "Jumlah laporan telaahan pelanggaran disiplin berdasarkan tingkatannya",
    ]) {
      const { typed } = await findRow(SEED.s001, name);
      expect({ name, polarity: typed.type.polarity }).toEqual({ name, polarity: "positive" });
    }
  });

  test("every indicator of the seeds is positive (none counts bad things or says `semakin rendah`)", async () => {
    const all = [
      ...(await findRows(SEED.s000, "")),
      ...(await findRows(SEED.s001, "")),
      ...(await findRows(SEED.s002, "")),
      ...(await findRows(SEED.s004, "")),
    ];
    expect(all.length).toBe(1381);
    expect(all.filter((r) => r.typed.type.polarity === "negative").map((r) => r.row.name)).toEqual([]);
  });
});
