/**
 * The CLI end to end, in process: the JSON contract on real fixtures, the human report,
 * exit codes, unreadable inputs beside good ones, and inputs left byte for byte alone.
 */
import { createHash } from "crypto";
import { promises as fs } from "fs";
import os from "os";
import path from "path";
import ExcelJS from "exceljs";
import { run } from "../../src/cli/run";
import { WORKBOOKS } from "../support/fixtures";

interface Captured {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<Captured> {
  let out = "";
  let err = "";
  const code = await run(argv, { out: (t) => void (out += t), err: (t) => void (err += t + "\n") }, "0.0.0-test", { inProcess: true });
  return { code, out, err };
}

const seed000 = path.join(WORKBOOKS, "seed-000-iki-bppd-kapuas-hulu-2023.xlsx");
const pengukuran = path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx");

async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(await fs.readFile(file)).digest("hex");
}

describe("--json", () => {
  test("version 1 document with sheets, tables, ranges, meta, columns and indicator rows", async () => {
    const { code, out } = await cli("--json", seed000);
    expect(code).toBe(1); // seed 000 has error findings (count-with-ratio)
    const doc = JSON.parse(out);
    expect(doc.version).toBe(1);
    expect(doc.files).toHaveLength(1);
    const file = doc.files[0];
    expect(file.file).toBe(seed000);
    expect(file.error).toBeNull();
    expect(file.findings.map((f: { rule: string; cell: string; severity: string }) => `${f.severity} ${f.rule} ${f.cell}`)).toEqual([
      "error count-with-ratio D70",
      "error count-with-ratio D87",
      "warning numbering A110",
    ]);
    const sheet = file.sheets.find((s: { name: string }) => s.name === "Lampiran IKI");
    expect(sheet.tables).toHaveLength(15);
    const sekretaris = sheet.tables[1];
    expect(sekretaris).toMatchObject({
      kind: "IKI",
      headerRange: "A34:E34",
      dataRange: "A36:E43",
      meta: { jabatan: "Sekretaris", perangkatDaerah: null },
      columns: { no: "A", sasaran: "B", indikator: "C", formula: "D", sumber: "E" },
      runningTotals: false,
    });
    expect(sekretaris.indicators[0]).toMatchObject({
      row: 36,
      no: "1.",
      sasaran: "Meningkatnya realisasi penyerapan keuangan perangkat Daerah",
      name: "Tingkat realisasi penyerapan keuangan Perangkat Daerah",
      type: "percentage",
      unit: "%",
      polarity: "positive",
      aggregation: "non-cumulative",
      target: null, // seed 000's IKI tables have no target column
      formula: {
        text: "$\\frac{\\text{(Jumlah Realisasi Anggaran)}}{\\text{Jumlah Total Anggaran}} \\times 100\\%$",
        expression: "A / B * 100",
        variables: { A: "Jumlah Realisasi Anggaran", B: "Jumlah Total Anggaran" },
        class: "expression",
      },
      evidence: { kindByName: null, kindByFormula: "percentage" },
      periods: [],
      realisasi: null,
      capaian: null,
    });
    // Seed 000's row 4 wraps "BKU, SPJ Fungsional" into the next line: one indicator, not two.
    expect(sekretaris.indicators.map((i: { no: string }) => i.no)).toEqual(["1.", "2.", "3.", "4.", "5.", "6.", "7."]);
  });

  test("every indicator row has its type, unit, polarity, aggregation and formula filled", async () => {
    const { out } = await cli("--json", path.join(WORKBOOKS, "seed-002-iki-kesbangpol-kukar-2025.xlsx"));
    const rows = JSON.parse(out).files[0].sheets.flatMap((s: { tables: { indicators: unknown[] }[] }) =>
      s.tables.flatMap((t) => t.indicators),
    ) as { type: string; polarity: string; aggregation: string; formula: { class: string } | null }[];
    expect(rows.length).toBe(889);
    for (const r of rows) {
      expect(typeof r.type).toBe("string");
      expect(["positive", "negative"]).toContain(r.polarity);
      expect(["cumulative", "non-cumulative", "average"]).toContain(r.aggregation);
      expect(r.formula).not.toBeNull();
    }
    const pengadaan = rows.find((r) => (r as unknown as { name: string }).name === "Persentase Pengadaan BMD") as unknown as {
      type: string;
      formula: { expression: string; variables: Record<string, string>; class: string };
    };
    expect(pengadaan.type).toBe("percentage");
    expect(pengadaan.formula).toMatchObject({ class: "count", expression: "A", variables: { A: "Jumlah Pengadaan" } });
  });

  test("targets with grades and scores; per-year targets as a map", async () => {
    const { out } = await cli("--json", path.join(WORKBOOKS, "seed-001-iku-iki-bkpsdm-paser.xlsx"));
    const doc = JSON.parse(out);
    const kepala = doc.files[0].sheets.find((s: { name: string }) => s.name === "Kepala dan Sekretariat").tables[0];
    expect(kepala.indicators[0]).toMatchObject({
      name: "Nilai SAKIP Perangkat Daerah",
      type: "grade",
      target: { text: "B (65)", value: 65, unit: null, grade: "B" },
      formula: { expression: "SUM(A)", variables: { A: "Skor aspek_i" }, tipe: "Non kumulatif" },
      evidence: { scale: "SAKIP" },
    });
    const iku = await cli("--json", path.join(WORKBOOKS, "seed-004-iku-setda-balangan-2021-2026.xlsx"));
    const paten = JSON.parse(iku.out)
      .files[0].sheets.flatMap((s: { tables: { indicators: { name: string }[] }[] }) => s.tables.flatMap((t) => t.indicators))
      .find((i: { name: string }) => i.name.startsWith("Rata-rata skor pelayanan PATEN"));
    expect(paten.target).toBeNull();
    expect(paten.targets["2021"]).toEqual({ text: "2.991", value: 2.991, unit: null, grade: null });
    expect(paten.formula.expression).toBe("A / 8");
  });

  test("period columns become maps keyed by normalised period", async () => {
    const { out } = await cli("--json", pengukuran);
    const table = JSON.parse(out).files[0].sheets[0].tables[0];
    expect(table.kind).toBe("PK");
    expect(table.columns.target).toEqual({ Tahunan: "E", "TW I": "F", "TW II": "G", "TW III": "H", "TW IV": "I" });
    expect(table.columns.realisasi).toEqual({ "TW I": "J", "TW II": "K", "TW III": "L", "TW IV": "M" });
    expect(table.columns.capaian).toBe("N");
    expect(table.headerRange).toBe("A7:P8");
  });

  test("periods, year-to-date realisasi and capaian are filled (Pengukuran TW row 6: 88.4 against 85% → 104)", async () => {
    const { out } = await cli("--json", pengukuran);
    const sheet = JSON.parse(out).files[0].sheets.find((s: { name: string }) => s.name === "Pengukuran TW");
    const row6 = sheet.tables[0].indicators.find((i: { row: number }) => i.row === 6);
    expect(row6.periods).toEqual([
      { period: "TW I", target: null, realisasi: 40, capaian: 47.058823529, class: "Sangat Rendah" },
      { period: "TW II", target: null, realisasi: 55, capaian: 64.705882353, class: "Rendah" },
      { period: "TW III", target: null, realisasi: 70, capaian: 82.352941176, class: "Tinggi" },
      { period: "TW IV", target: null, realisasi: 88.4, capaian: 104, class: "Sangat Tinggi" },
    ]);
    expect([row6.realisasi, row6.capaian]).toEqual([88.4, 104]);
    expect(row6.measurement).toMatchObject({ aggregation: "non-cumulative", polarity: "positive", variant: "positive", class: "Sangat Tinggi" });
    expect(row6.measurement.nativeFormula).toBe(
      '=IF(COUNT(F6:I6)=0,"",IFERROR(IF(ISNUMBER(I6),I6,IF(ISNUMBER(H6),H6,IF(ISNUMBER(G6),G6,IF(ISNUMBER(F6),F6,""))))/85*100,""))',
    );
  });

  test("running totals are recorded on the table", async () => {
    const { out } = await cli("--json", path.join(WORKBOOKS, "evaluasi-renja-kesbangpol-2025.xlsx"));
    const [renja] = JSON.parse(out).files[0].sheets[0].tables;
    expect(renja.runningTotals).toBe(true);
    expect(renja.columns.realisasi).toEqual({ "TW I": "H", "TW II": "I", "TW III": "J", "TW IV": "K" });
  });
});

describe("human report", () => {
  test("Bahasa Indonesia by default, English on request", async () => {
    const id = await cli(seed000);
    expect(id.out).toContain('Lembar "Lampiran IKI"');
    expect(id.out).toContain("Tabel IKI, 7 indikator — judul A34:E34, data A36:E43");
    expect(id.out).toContain("Jabatan: Sekretaris");
    expect(id.out).toContain("15 tabel, 46 indikator");
    const en = await cli("--lang", "en", seed000);
    expect(en.out).toContain("IKI table, 7 indicators — header A34:E34, data A36:E43");
    expect(en.out).toContain("15 tables, 46 indicators");
  });

  test("numbers in messages use the decimal comma in Indonesian and the point in English", async () => {
    // Pengukuran I8: 418 / 420 × 100 = 99.52 against a typed 98 (realisasi-components-mismatch).
    const id = await cli(pengukuran);
    expect(id.out).toContain("Realisasi TW III 98, tetapi rumus atas komponennya menghasilkan 99,52.");
    expect(id.out).not.toContain("menghasilkan 99.52");
    const en = await cli("--lang", "en", pengukuran);
    expect(en.out).toContain("but the formula over its components gives 99.52.");
  });

  test("a workbook without indicator tables says so", async () => {
    const { code, out } = await cli(path.join(WORKBOOKS, "non-indicator.xlsx"));
    expect(code).toBe(0);
    expect(out).toContain("tidak ada tabel indikator");
  });
});

describe("exit codes and bad input", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-check-"));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  test("an unreadable file gets a clear message, the other files are still checked, exit 2", async () => {
    const broken = path.join(dir, "rusak.xlsx");
    await fs.writeFile(broken, (await fs.readFile(seed000)).subarray(0, 2000));
    const { code, out, err } = await cli("--json", broken, seed000);
    expect(code).toBe(2);
    expect(err).toContain("rusak.xlsx: tidak dapat dibaca");
    const doc = JSON.parse(out);
    expect(doc.files[0].error).toContain("tidak dapat dibaca");
    expect(doc.files[0].sheets).toEqual([]);
    expect(doc.files[1].error).toBeNull();
    expect(doc.files[1].sheets[1].tables).toHaveLength(15);
  });

  test("a missing file and a file that is not a workbook are reported, exit 2", async () => {
    const csv = path.join(dir, "iki.csv");
    await fs.writeFile(csv, "No,Indikator\n1,Jumlah dokumen\n");
    const { code, err } = await cli(path.join(dir, "tidak-ada.xlsx"), csv);
    expect(code).toBe(2);
    expect(err).toContain("berkas tidak ditemukan");
    expect(err).toContain("iki.csv: tidak dapat dibaca — bukan buku kerja Excel");
  });

  test("usage errors exit 2 with the usage text", async () => {
    expect((await cli()).code).toBe(2);
    const bad = await cli("--frobnicate", seed000);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("Opsi tidak dikenal: --frobnicate");
    expect((await cli("--lang", "fr", seed000)).code).toBe(2);
    expect((await cli("--help")).code).toBe(0);
  });

  test("a folder is expanded to the .xlsx files inside it", async () => {
    await fs.copyFile(seed000, path.join(dir, "a.xlsx"));
    await fs.copyFile(pengukuran, path.join(dir, "b.xlsx"));
    const { out } = await cli("--json", dir);
    const names = JSON.parse(out).files.map((f: { file: string }) => path.basename(f.file));
    expect(names).toEqual(["a.xlsx", "b.xlsx", "rusak.xlsx"]);
  });

  test("--out: two inputs with the same name get two copies, neither overwritten", async () => {
    const a = path.join(dir, "dinas-a");
    const b = path.join(dir, "dinas-b");
    await fs.mkdir(a);
    await fs.mkdir(b);
    await fs.copyFile(seed000, path.join(a, "Renja.xlsx"));
    await fs.copyFile(pengukuran, path.join(b, "Renja.xlsx"));
    const out = path.join(dir, "hasil");
    const { err } = await cli("--out", out, path.join(a, "Renja.xlsx"), path.join(b, "Renja.xlsx"));
    expect((await fs.readdir(out)).sort()).toEqual(["Renja (2).checked.xlsx", "Renja.checked.xlsx"]);
    expect(err).toContain(path.join(out, "Renja (2).checked.xlsx"));
    // Each copy carries its own workbook's Temuan: seed 000's count-with-ratio, Pengukuran's components mismatch.
    const temuan = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, f));
      const rows: string[] = [];
      wb.getWorksheet("Temuan")!.eachRow((r) => rows.push(r.values!.toString()));
      return rows.join("\n");
    };
    expect(await temuan("Renja.checked.xlsx")).toContain("count-with-ratio");
    expect(await temuan("Renja (2).checked.xlsx")).toContain("realisasi-components-mismatch");
  });

  test("inputs are never modified", async () => {
    const before = await Promise.all([seed000, pengukuran].map(sha256));
    await cli("--json", seed000, pengukuran);
    await cli(seed000, pengukuran);
    expect(await Promise.all([seed000, pengukuran].map(sha256))).toEqual(before);
  });
});
