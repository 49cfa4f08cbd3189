/**
 * Header vocabulary, with the header texts as they stand in the seeds (OCR damage and
 * truncation included) and the period spellings users type.
 */
import { matchColumn, matchRole } from "../../../src/engine/recognize/vocabulary";
import { isPeriodOnly, parsePeriod } from "../../../src/engine/recognize/periods";
import { normalize } from "../../../src/engine/text";
import { sheetFromGrid } from "../../support/grid";

const role = (header: string): string | null => matchRole(normalize(header));

describe("column roles from seed headers", () => {
  test.each([
    ["No.", "no"],
    ["NO", "no"],
    ["Nomor", "no"],
    ["SASARAN / KINERJA", "sasaran"],
    ["SASARAN KINERJA INDIVIDU", "sasaran"],
    ["SASARAN SUB KEGIATAN", "sasaran"],
    ["SASARAN AKTIVITAS", "sasaran"],
    ["Kinerja Utama", "sasaran"],
    ["Sasaran Renstra PD", "sasaran"],
    ["INDIKATOR KINERJA", "indikator"],
    ["INDIKATOR KINERJA INDIVIDU (IKI)", "indikator"],
    ["Indikator Kinerja Utama", "indikator"],
    ["IKU", "indikator"],
    ["TARGET", "target"],
    ["target tahun 2021", "target"],
    ["Target Capaian setiap tahun", "target"],
    ["FORMULA", "formula"],
    ["Penjelasan/Formulasi", "formula"],
    ["RUMUS", "formula"],
    ["PENJELASAN (FORMULASI PERHITUNGAN)", "formula"],
    ["PENJELASAN (FORMULASI PERTHITUNGAN)", "formula"],
    ["PENJELASAN (FORMULASI PERUNTUNGAN)", "formula"],
    ["PENJELASAN (FORMULASI PER HITUNGAN)", "formula"],
    ["PENJELASAN (FORMULASI PERITUNGAN)", "formula"],
    ["PENJELASAN (FORMULASI PERTUNJANGAN)", "formula"],
    ["PENELASAN (FORMULASI PERHITUNGAN)", "formula"],
    ["Asas/Makna/Definisi Operasional/Cara Hitung", "formula"],
    ["Definisi Operasional/ Cara Hitung", "formula"],
    ["Makna Indikator", "formula"],
    ["SUMBER DATA", "sumber"],
    ["Sumbu", "sumber"],
    ["S", "sumber"],
    ["Unit PD Penanggung Jawab", "penanggungJawab"],
    ["Pemangku Tugas", "penanggungJawab"],
    ["Kondisi Kinerja pada awal periode RPJMD", "baseline"],
    ["Kondisi Kinerja pada akhir periode RPJMD", "final"],
    ["Satuan", "satuan"],
    ["Realisasi TW III", "realisasi"],
    ["Capaian (%)", "capaian"],
    ["% Capaian", "capaian"],
    ["Predikat Capaian", "predikat"],
    ["Ket.", "keterangan"],
  ])("%s → %s", (header, expected) => {
    expect(role(header)).toBe(expected);
  });

  test.each(["Uraian Prosedur", "Pelaksana", "Mutu Baku", "Nama", "NIP", "Pangkat / Gol.", "Pagu Anggaran (Rp)"])(
    "%s is not an indicator-table column",
    (header) => {
      expect(role(header)).toBeNull();
    },
  );
});

describe("period labels", () => {
  test.each([
    ["TW I", "TW I", false],
    ["TW.1", "TW I", false],
    ["Tw I", "TW I", false],
    ["Triwulan 1", "TW I", false],
    ["Triwulan IV", "TW IV", false],
    ["Semester I", "Semester I", false],
    ["Semester II", "Semester II", false],
    ["s.d. TW II", "TW II", true],
    ["sampai dengan TW III", "TW III", true],
    ["Tahun 2021", "2021", false],
    ["target tahun 2023", "2023", false],
    ["Bulan 3", "Bulan 3", false],
    ["Maret", "Bulan 3", false],
  ])("%s → %s (running total %s)", (text, key, running) => {
    expect(parsePeriod(normalize(text))).toEqual({ key, runningTotal: running });
  });

  test("a period-only label is told apart from a header that names a role", () => {
    expect(isPeriodOnly(normalize("s.d. TW II"))).toBe(true);
    expect(isPeriodOnly(normalize("Tahun 2021"))).toBe(true);
    expect(isPeriodOnly(normalize("Realisasi TW I"))).toBe(false);
  });

  test("a period under a group header takes the group's role", () => {
    expect(matchColumn(normalize("Realisasi Kinerja Kumulatif"), normalize("s.d. TW II"))).toEqual({
      role: "realisasi",
      period: "TW II",
      runningTotal: true,
    });
    expect(matchColumn(normalize("Target Capaian setiap tahun"), normalize("Tahun 2024"))).toEqual({
      role: "target",
      period: "2024",
      runningTotal: false,
    });
    expect(matchColumn(normalize("Sasaran Strategis"), normalize("Sasaran RPJMD"))?.role).toBe("sasaran");
  });
});

test("a column-number row of the Permendagri 86 form with computed columns (`6=5/4x100`)", async () => {
  const { TextGrid } = await import("../../../src/engine/recognize/grid");
  const { isColumnNumberRow } = await import("../../../src/engine/recognize/header");
  const grid = new TextGrid(sheetFromGrid("Evaluasi Renja", { row: 1, col: 1 }, [[1, 2, 3, 4, 5, "6=5/4x100", "13 = 6 + 12"]]));
  expect(isColumnNumberRow(grid, 1)).toBe(true);
});
