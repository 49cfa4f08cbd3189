/**
 * The grammar, form by form, on formula texts from the seeds (PRODUCT.md §2.3 where a
 * form does not occur in them), and the printers.
 */
import { parseFormula, printCanonical, printLetters } from "../../../src/engine/formula";
import { printExcel } from "../../../src/engine/formula/print";
import { evaluate } from "../../../src/engine/formula/evaluate";
import { parseLatex } from "../../../src/engine/formula/latex";

const canon = (text: string, name = ""): string | null => {
  const p = parseFormula(text, name);
  return p.expr ? printCanonical(p.expr) : null;
};

describe("LaTeX (seeds 000, 001)", () => {
  test("\\frac with \\text{} and \\times 100\\%; parentheses inside \\text dropped", () => {
    expect(canon("$\\frac{\\text{(Jumlah Realisasi Anggaran)}}{\\text{Jumlah Total Anggaran}} \\times 100\\%$")).toBe(
      "[Jumlah Realisasi Anggaran] / [Jumlah Total Anggaran] * 100",
    );
  });
  test("a trailing colon computes nothing (`\\times 100 :`)", () => {
    expect(canon("$\\frac{\\text{Pagu RUP}}{\\text{pagu pengadaan}} \\times 100 :$")).toBe("[Pagu RUP] / [pagu pengadaan] * 100");
  });
  test("\\sum with subscripts, and the left-hand side kept apart", () => {
    const r = parseLatex("IKM = \\frac{\\sum_{i=1}^n Skor_i \\times f_i}{\\sum_{i=1}^n f_i}");
    expect(r.lhs).toBe("IKM");
    expect(printCanonical(r.expr)).toBe("SUM([Skor_i] * [f_i]) / SUM([f_i])");
    expect(canon("$\\text{Nilai SAKIP} = \\sum_{i=1}^n \\text{Skor aspek}_i$")).toBe("SUM([Skor aspek_i])");
  });
  test("`= \\frac…` and `x = \\frac…` prefixes", () => {
    expect(canon("$= \\frac{\\text{Jumlah BMD penunjang urusan yang terpenuhi sesuai kebutuhan}}{\\text{Jumlah kebutuhan BMD penunjang urusan}} \\times 100\\%$")).toBe(
      "[Jumlah BMD penunjang urusan yang terpenuhi sesuai kebutuhan] / [Jumlah kebutuhan BMD penunjang urusan] * 100",
    );
    expect(canon("$x = \\frac{\\text{Jumlah Bobot}}{\\text{Jumlah Unsur}}$")).toBe("[Jumlah Bobot] / [Jumlah Unsur]");
  });
  test("\\cdot multiplies (PRODUCT.md §2.3 lists it; not in the seeds)", () => {
    expect(canon("$\\frac{A}{B} \\cdot 100\\%$")).toBe("[A] / [B] * 100");
  });
});

describe("HTML wrappers (seed 001)", () => {
  const cell =
    "<p><i>Formulasi Pengukuran :</i> Perkalian antara skor survey pelayanan kepegawaian dengan jumlah frekuensi dibagi dengan jumlah sampel keseluruhan.</p> $IKM = \\frac{\\sum_{i=1}^n \\text{Skor}_i \\times f_i}{\\sum_{i=1}^n f_i}$ <p><i>Tipe Penghitungan :</i> Non kumulatif <i>Sumber data:</i> Hasil survey kepuasan atas pelayanan kepegawaian</p>";
  test("fields are extracted and the LaTeX wins over the prose", () => {
    const p = parseFormula(cell, "Indeks Survei Kepuasan Pegawai");
    expect(p.source).toBe("latex");
    expect(p.lhs).toBe("IKM");
    expect(p.tipe).toBe("Non kumulatif");
    expect(p.sumberData).toBe("Hasil survey kepuasan atas pelayanan kepegawaian");
    expect(p.parts.fields.formulasi).toBe(
      "Perkalian antara skor survey pelayanan kepegawaian dengan jumlah frekuensi dibagi dengan jumlah sampel keseluruhan.",
    );
  });
  test("the prose of the same cell reads as the same computation in words", () => {
    expect(canon("Perkalian antara skor survey pelayanan kepegawaian dengan jumlah frekuensi dibagi dengan jumlah sampel keseluruhan.")).toBe(
      "[skor survey pelayanan kepegawaian] * [jumlah frekuensi] / [jumlah sampel keseluruhan]",
    );
  });
});

describe("Indonesian prose (seeds 001, 002, 004)", () => {
  test.each([
    ["Jumlah realisasi anggaran dibagi jumlah SPD yang telah terbit per bulan dikali 100 persen", "[Jumlah realisasi anggaran] / [jumlah SPD yang telah terbit per bulan] * 100"],
    ["Jumlah dokumen perencanaan yang tersedia tepat waktu dibandingkan jumlah dokumen perencanaan yang harusnya tersedia", "[Jumlah dokumen perencanaan yang tersedia tepat waktu] / [jumlah dokumen perencanaan yang harusnya tersedia]"],
    ["Jumlah kasus/ perkara yang ditangani di bagi jumlah perkara yang masuk di kali 100", "[Jumlah kasus/ perkara yang ditangani] / [jumlah perkara yang masuk] * 100"],
    ["Skor kumulatif PATEN dari 8 Kecamatan : 8 Kecamatan", "[Skor kumulatif PATEN dari 8 Kecamatan] / 8"],
    ["Rata-rata capaian IKU Perangkat Daerah", "AVG([capaian IKU Perangkat Daerah])"],
    // PRODUCT.md §2.3 forms:
    ["A dibagi dengan B dikali seratus persen", "[A] / [B] * 100"],
    ["A x 100% : B", "[A] / [B] * 100"],
    ["A x 100%. B", "[A] / [B] * 100"],
    ["Jumlah Bobot / Jumlah Unsur", "[Jumlah Bobot] / [Jumlah Unsur]"],
  ])("%s", (text, expected) => {
    expect(canon(text)).toBe(expected);
  });

  test("`/` between nouns means `or`; `dibagi sesuai dengan` splits up; remarks in parentheses stay in the phrase", () => {
    expect(parseFormula("Dokumen / data kepegawaian").cls).toBe("count");
    expect(canon("Jumlah Aparatur Sipil Negara (ASN) yang telah ditempatkan sesuai dengan kompetensi dalam syarat jabatan dibandingkan jumlah ASN di kali 100%")).toBe(
      "[Jumlah Aparatur Sipil Negara (ASN) yang telah ditempatkan sesuai dengan kompetensi dalam syarat jabatan] / [jumlah ASN] * 100",
    );
  });
});

describe("text that computes nothing is classified", () => {
  test.each([
    ["Jumlah dokumen", "Jumlah Dokumen", "count"],
    ["Hasil Evaluasi SAKIP", "Predikat Sakip BPPD", "external"],
    ["Persen", "Persentase Keterinputan Data", "restated"],
    ["Ketepatan Waktu Penyampaian SPT Tahunan pertanggal 31 Maret 2025", "Tingkat Kepatuhan Penyampaian SPT Tahunan 100% per 31 Maret setiap tahun", "timeliness"],
    ["Tingkat Pelaksanaan Internalisasi Core Values ASN Berakhlak", "Internalisasi Core Values ASN Berakhlak", "restated"],
    ["Badan Kesbangpol", "Jumlah laporan", "description"],
    ["", "Jumlah laporan", "empty"],
  ])("%s → %s", (text, name, cls) => {
    expect(parseFormula(text, name).cls).toBe(cls);
  });
  test("a count says what it counts", () => {
    expect(parseFormula("4 Jumlah laporan").countObject).toBe("laporan");
    expect(parseFormula("Dokumen Rencana Aksi").countObject).toBe("Dokumen Rencana Aksi");
  });
});

describe("printers and evaluator", () => {
  const p = parseFormula("$\\frac{\\text{Jumlah Realisasi Anggaran}}{\\text{Jumlah Total Anggaran}} \\times 100\\%$");
  test("letters for the JSON report", () => {
    expect(printLetters(p.expr!)).toEqual({
      expression: "A / B * 100",
      variables: { A: "Jumlah Realisasi Anggaran", B: "Jumlah Total Anggaran" },
    });
  });
  test("an Excel formula over cell references; none when a variable has no cell", () => {
    const refs = new Map([
      ["Jumlah Realisasi Anggaran", "H7"],
      ["Jumlah Total Anggaran", "G7"],
    ]);
    expect(printExcel(p.expr!, refs)).toBe("H7/G7*100");
    expect(printExcel(p.expr!, new Map([["Jumlah Realisasi Anggaran", "H7"]]))).toBeNull();
    const ikm = parseFormula("$IKM = \\frac{\\sum_{i=1}^n Skor_i \\times f_i}{\\sum_{i=1}^n f_i}$");
    expect(printExcel(ikm.expr!, new Map([["Skor_i", "C10:C18"], ["f_i", "D10:D18"]]))).toBe("SUMPRODUCT(C10:C18,D10:D18)/SUM(D10:D18)");
  });
  test("cell text never reaches an Excel formula: references must be cell addresses", () => {
    expect(printExcel(p.expr!, new Map([["Jumlah Realisasi Anggaran", "=HYPERLINK(\"x\")"], ["Jumlah Total Anggaran", "G7"]]))).toBeNull();
  });
  test("evaluation: share of a whole, weighted mean, division by zero", () => {
    expect(evaluate(p.expr!, (n) => (n === "Jumlah Realisasi Anggaran" ? 45 : 60))).toBeCloseTo(75, 9);
    const ikm = parseFormula("$IKM = \\frac{\\sum_{i=1}^n Skor_i \\times f_i}{\\sum_{i=1}^n f_i}$").expr!;
    // Scores 4, 3, 2 given by 10, 25, 5 respondents: (40 + 75 + 10) / 40 = 3.125.
    expect(evaluate(ikm, (n) => (n === "Skor_i" ? [4, 3, 2] : [10, 25, 5]))).toBeCloseTo(3.125, 9);
    expect(evaluate(p.expr!, (n) => (n === "Jumlah Realisasi Anggaran" ? 45 : 0))).toBeNull();
  });
});
