/**
 * Where an officer's table ends and what is not an indicator (issue #14, points 2, 6, 7,
 * 10): closing rows (`JUMLAH`, `TOTAL`, `Rata-rata Capaian`, `Nilai Capaian Kinerja`,
 * `Capaian Kinerja Sasaran`, rows of SUM/AVERAGE formulas), hidden rows and columns, Excel
 * Tables (ListObjects) with their totals row and Excel's own header names, and a Rekap's
 * `Jumlah IKI` column. Snapshots built with SheetBuilder from seed 001's Sekretaris rows
 * (lines 224–233).
 */
import { recognizeSheet } from "../../../src/engine/recognize";
import { SheetBuilder, type CellValue } from "../../../src/engine/snapshot";
import { matchRole } from "../../../src/engine/recognize/vocabulary";
import { normalize } from "../../../src/engine/text";

const HEADER = ["No", "Sasaran Kinerja Individu", "Indikator Kinerja Individu (IKI)", "Target", "Realisasi TW I", "Realisasi TW II", "Realisasi TW III", "Capaian (%)"];
const ROWS: CellValue[][] = [
  [1, "Tersedianya dokumen perencanaan perangkat daerah", "Jumlah dokumen perencanaan yang tersedia", 4, 1, 1, 1, 75],
  [2, "Tersedianya dokumen evaluasi kinerja perangkat daerah", "Jumlah dokumen evaluasi kinerja yang tersedia", 8, 2, 2, 2, 75],
  [3, "Tersedianya gaji dan tunjangan ASN", "Jumlah orang yang menerima gaji dan tunjangan ASN", 31, 31, 31, 31, 100],
];

/** Header on row 4, the seed rows from row 5, then `extra` rows. */
function sheet(extra: (CellValue | { f: string; v: CellValue })[][] = [], edit: (b: SheetBuilder) => void = () => {}): ReturnType<SheetBuilder["build"]> {
  const b = new SheetBuilder("TW III");
  b.set(1, 1, "PENGUKURAN KINERJA TRIWULAN III TAHUN 2024");
  b.set(2, 1, "Jabatan : Sekretaris Badan");
  HEADER.forEach((h, i) => b.set(4, i + 1, h));
  [...ROWS, ...extra].forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && typeof v === "object" && "f" in v) b.set(5 + r, c + 1, v.v, `=${v.f}`);
      else b.set(5 + r, c + 1, v as CellValue);
    }),
  );
  edit(b);
  return b.build();
}

const shape = (s: ReturnType<typeof sheet>) => recognizeSheet(s).map((t) => ({ last: t.lastDataRow, indicators: t.indicators.map((i) => i.row), closing: t.closingRows.map((c) => [c.row, c.label, c.labelFn]) }));

describe("rows that close or summarise a table are not indicators", () => {
  test.each([
    ["JUMLAH", "sum"],
    ["TOTAL", "sum"],
    ["Jumlah Total", "sum"],
    ["Rata-rata", "average"],
    ["Rata-rata Capaian", "average"],
    ["Rata-rata Capaian (%)", "average"],
    ["Nilai Capaian Kinerja", "average"],
    ["Capaian Kinerja Sasaran", "average"],
  ])("%s", (label, fn) => {
    const s = sheet([[label, null, null, null, { f: "SUM(E5:E7)", v: 34 }, { f: "SUM(F5:F7)", v: 34 }, { f: "SUM(G5:G7)", v: 34 }, { f: "AVERAGE(H5:H7)", v: 83.33 }]]);
    expect(shape(s)).toEqual([{ last: 7, indicators: [5, 6, 7], closing: [[8, label, fn]] }]);
  });

  test("a row of SUM/AVERAGE formulas over the columns above, without a label, closes the table", () => {
    const s = sheet([[null, null, null, { f: "SUM(D5:D7)", v: 43 }, { f: "SUM(E5:E7)", v: 34 }, { f: "SUM(F5:F7)", v: 34 }, { f: "SUM(G5:G7)", v: 34 }, { f: "AVERAGE(H5:H7)", v: 83.33 }]]);
    expect(shape(s)).toEqual([{ last: 7, indicators: [5, 6, 7], closing: [[8, null, null]] }]);
  });

  test("JUMLAH then Rata-rata Capaian then Predikat: one closing block", () => {
    const s = sheet([
      ["JUMLAH", null, null, null, { f: "SUM(E5:E7)", v: 34 }],
      ["Rata-rata Capaian", null, null, null, null, null, null, { f: "AVERAGE(H5:H7)", v: 83.33 }],
      ["Predikat", null, null, null, null, null, null, "Tinggi"],
    ]);
    expect(shape(s)[0].closing.map((c) => c[0])).toEqual([8, 9, 10]);
  });

  test("a subtotal per group: the table goes on where the numbering does", () => {
    const s = sheet([["Jumlah", null, null, null, { f: "SUM(E5:E7)", v: 34 }], [4, "Tersedianya Dokumen RKA-SKPD", "Jumlah Dokumen RKA-SKPD yang tersedia", 2, 0, 1, 1, 100]]);
    expect(shape(s)).toEqual([{ last: 9, indicators: [5, 6, 7, 9], closing: [[8, "Jumlah", "sum"]] }]);
  });

  test("a numbered indicator named like a summary stays an indicator (seed 002 line 60: `Capaian Indikator Kinerja Perangkat Daerah`)", () => {
    const s = sheet([[4, "Meningkatnya Kinerja Perangkat Daerah", "Capaian Kinerja", 100, 90, 95, 98, 98]]);
    expect(shape(s)).toEqual([{ last: 8, indicators: [5, 6, 7, 8], closing: [] }]);
  });

  test("an unnumbered row named `Rata-rata …` with its own target stays an indicator", () => {
    const s = sheet([[null, null, "Rata-rata", 3.15, 3.02, 3.2, 3.11, 98.73]]);
    expect(shape(s)[0].indicators).toEqual([5, 6, 7, 8]);
  });

  test("a per-row capaian formula (=G5/D5*100) does not make a row a closing row", () => {
    const s = sheet([[4, "Tersedianya Dokumen RKA-SKPD", "Jumlah Dokumen RKA-SKPD yang tersedia", 2, 0, 1, 1, { f: "SUM(E8:G8)/D8*100", v: 100 }]]);
    expect(shape(s)[0].indicators).toEqual([5, 6, 7, 8]);
  });
});

describe("hidden rows and columns", () => {
  test("a hidden row between indicators is skipped: neither an indicator nor the table's end", () => {
    const s = sheet([[null, null, "Jumlah pegawai (bantu hitung)", null, 31, 31, 31, null], [4, "Tersedianya Dokumen RKA-SKPD", "Jumlah Dokumen RKA-SKPD yang tersedia", 2, 0, 1, 1, 100]], (b) => {
      b.hiddenRows = [{ from: 8, to: 8 }];
    });
    const [t] = recognizeSheet(s);
    expect(t.indicators.map((i) => i.row)).toEqual([5, 6, 7, 9]);
    expect(t.hiddenRows).toEqual([8]);
  });

  test("a hidden helper column without a header (the SUM of the quarters) has no role and no note", () => {
    const s = sheet([], (b) => {
      for (let r = 5; r <= 7; r++) b.set(r, 9, 3, `=SUM(E${r}:G${r})`);
      b.hiddenCols = [{ from: 9, to: 9 }];
    });
    const [t] = recognizeSheet(s);
    expect(t.columns.map((c) => c.col)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(t.notes).toEqual([]);
  });

  test("a hidden column with a header is not read, and recognition says so", () => {
    const s = sheet([], (b) => {
      b.set(4, 9, "Realisasi TW III (lama)");
      b.hiddenCols = [{ from: 9, to: 9 }];
    });
    const [t] = recognizeSheet(s);
    expect(t.columns.some((c) => c.col === 9)).toBe(false);
    expect(t.notes.map((n) => [n.row, n.col, n.kind])).toEqual([[4, 9, "hidden-role-column"]]);
    expect(t.notes[0].message.id).toBe('Kolom I ("Realisasi TW III (lama)") tersembunyi dan tidak dibaca; tampilkan kolom itu bila isinya bagian dari tabel.');
  });

  test("the same period twice: the first column is used, the second noted", () => {
    const s = sheet([], (b) => b.set(4, 9, "Realisasi TW III"));
    const [t] = recognizeSheet(s);
    expect(t.notes.map((n) => [n.col, n.kind])).toEqual([[9, "duplicate-period"]]);
  });
});

describe("Excel Tables (ListObjects)", () => {
  const list = (b: SheetBuilder, totals: boolean) => {
    b.tables = [{ name: "TabelTW", area: { top: 4, left: 1, bottom: totals ? 10 : 7, right: 8 }, headerRows: 1, totalsRows: totals ? 1 : 0, autoFilter: true }];
  };

  test("the table's rows bound the extent; a blank row inside does not end it; its totals row closes it", () => {
    const s = sheet(
      [
        [null, null, null, null, null, null, null, null],
        [4, "Tersedianya Dokumen RKA-SKPD", "Jumlah Dokumen RKA-SKPD yang tersedia", 2, 0, 1, 1, 100],
        ["Rata-rata", null, null, null, null, null, null, { f: "SUBTOTAL(101,TabelTW[Capaian (%)])", v: 87.5 }],
      ],
      (b) => list(b, true),
    );
    const [t] = recognizeSheet(s);
    expect(t.listObject).toBe("TabelTW");
    expect(t.indicators.map((i) => i.row)).toEqual([5, 6, 7, 9]);
    expect(t.closingRows).toEqual([{ row: 10, label: "Rata-rata", labelFn: "average", listTotals: true }]);
  });

  test("Excel's own header names: `Column1` is an empty header, `Realisasi2` a repeated one", () => {
    const s = sheet([], (b) => {
      b.set(4, 8, "Column1");
      b.set(4, 6, "Realisasi TW I2");
      list(b, false);
    });
    const [t] = recognizeSheet(s);
    expect(t.columns.some((c) => c.col === 8)).toBe(false);
    expect(t.columns.find((c) => c.col === 6)).toMatchObject({ role: "realisasi", period: "TW I" });
  });
});

describe("sheets that are not indicator tables", () => {
  test("`Jumlah IKI` / `Jumlah Indikator` count indicators: not the Indikator column", () => {
    for (const h of ["Jumlah IKI", "Jumlah Indikator", "Banyaknya Indikator", "Jumlah IKU"]) expect(matchRole(normalize(h))).toBeNull();
    expect(matchRole(normalize("Nilai Capaian IKI"))).toBeNull();
    expect(matchRole(normalize("Rencana Kinerja"))).toBe("sasaran");
    expect(matchRole(normalize("Kategori Capaian IKI"))).toBe("predikat");
  });

  test("a Rekap per Jabatan with a count under an `Indikator` header is not recognised", () => {
    const b = new SheetBuilder("Rekap");
    ["No", "Jabatan", "Indikator", "Target", "Realisasi", "Capaian (%)"].forEach((h, i) => b.set(4, i + 1, h));
    [[1, "Sekretaris Badan", 8, 8, 7, 96.4], [2, "Pengelola Kepegawaian", 4, 4, 4, 77.08], [3, "Pranata Kearsipan", 6, 6, 6, 99.1]].forEach((row, r) => row.forEach((v, c) => b.set(5 + r, c + 1, v)));
    expect(recognizeSheet(b.build())).toEqual([]);
  });
});
