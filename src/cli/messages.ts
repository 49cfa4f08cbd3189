/** The CLI's words, Bahasa Indonesia first. */
export type Lang = "id" | "en";

export const MESSAGES = {
  id: {
    usage: `Pemakaian: iki-check [opsi] BERKAS.xlsx|FOLDER ...

Memeriksa lembar kerja IKI/IKU/pengukuran kinerja dalam berkas .xlsx.
Berkas masukan tidak pernah diubah.

Opsi:
  --json          cetak laporan JSON (versi 1) ke stdout
  --out FOLDER    tulis salinan bertanda <nama>.checked.xlsx ke FOLDER
                  (format bersyarat + catatan pada sel bertemuan, lembar "Temuan")
  --lang id|en    bahasa laporan (bawaan: id)
  -h, --help      tampilkan bantuan ini
  -v, --version   tampilkan versi

Kode keluar: 0 = tidak ada temuan galat, 1 = ada temuan galat,
2 = pemakaian salah atau berkas tidak terbaca (berkas lain tetap diperiksa).`,
    noFiles: "Tidak ada berkas yang diberikan.",
    unknownOption: (o: string) => `Opsi tidak dikenal: ${o}`,
    badLang: (l: string) => `Bahasa tidak dikenal: ${l} (pilih id atau en)`,
    unreadable: (f: string, why: string) => `${f}: tidak dapat dibaca — ${why}`,
    notXlsx: "bukan berkas .xlsx (hanya .xlsx yang didukung)",
    notFound: "berkas tidak ditemukan",
    engineFailed: (sheet: string, why: string) => `pemeriksaan lembar "${sheet}" gagal (cacat program, mohon dilaporkan): ${why}`,
    sheet: "Lembar",
    table: (kind: string, n: number) => `Tabel ${kind}, ${n} indikator`,
    header: "judul",
    data: "data",
    jabatan: "Jabatan",
    perangkatDaerah: "Perangkat Daerah",
    unit: "Unit",
    columns: "Kolom",
    noTables: "tidak ada tabel indikator",
    summary: (tables: number, indicators: number, errors: number, warnings: number, infos: number) =>
      `${tables} tabel, ${indicators} indikator; temuan: ${errors} galat, ${warnings} peringatan, ${infos} info`,
    runningTotals: "kolom realisasi kumulatif (s.d.)",
    realisasi: "realisasi",
    capaian: "capaian",
    decimal: ",",
    findingsOfTable: (e: number, w: number, i: number) => `Temuan: ${e} galat, ${w} peringatan, ${i} info`,
    severity: { error: "GALAT", warning: "PERINGATAN", info: "INFO" } as Record<string, string>,
    wrote: (f: string) => `Salinan bertanda ditulis: ${f}`,
    copyRefused: (f: string, lost: string) =>
      `${f}: salinan bertanda tidak ditulis — salinan akan kehilangan ${lost} milik pengguna. Temuan tetap dilaporkan di atas; periksa berkas ini di Excel dengan add-in.`,
    roles: {
      no: "No",
      sasaran: "Sasaran",
      indikator: "Indikator",
      target: "Target",
      formula: "Formula",
      sumber: "Sumber data",
      penanggungJawab: "Penanggung jawab",
      satuan: "Satuan",
      baseline: "Kondisi awal",
      final: "Kondisi akhir",
      realisasi: "Realisasi",
      capaian: "Capaian",
      predikat: "Predikat",
      keterangan: "Keterangan",
    } as Record<string, string>,
  },
  en: {
    usage: `Usage: iki-check [options] FILE.xlsx|FOLDER ...

Checks IKI/IKU/performance-measurement worksheets in .xlsx files.
Input files are never modified.

Options:
  --json          print the JSON report (version 1) to stdout
  --out DIR       write annotated copies <name>.checked.xlsx to DIR
                  (conditional format + note on flagged cells, a "Findings" sheet)
  --lang id|en    report language (default: id)
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 = no error findings, 1 = error findings,
2 = usage error or unreadable input (the other files are still checked).`,
    noFiles: "No files given.",
    unknownOption: (o: string) => `Unknown option: ${o}`,
    badLang: (l: string) => `Unknown language: ${l} (choose id or en)`,
    unreadable: (f: string, why: string) => `${f}: cannot be read — ${why}`,
    notXlsx: "not an .xlsx file (only .xlsx is supported)",
    notFound: "file not found",
    engineFailed: (sheet: string, why: string) => `checking sheet "${sheet}" failed (a defect, please report it): ${why}`,
    sheet: "Sheet",
    table: (kind: string, n: number) => `${kind} table, ${n} indicators`,
    header: "header",
    data: "data",
    jabatan: "Position",
    perangkatDaerah: "Agency",
    unit: "Unit",
    columns: "Columns",
    noTables: "no indicator tables",
    summary: (tables: number, indicators: number, errors: number, warnings: number, infos: number) =>
      `${tables} tables, ${indicators} indicators; findings: ${errors} errors, ${warnings} warnings, ${infos} info`,
    runningTotals: "running-total realisation columns (s.d.)",
    realisasi: "realisation",
    capaian: "achievement",
    decimal: ".",
    findingsOfTable: (e: number, w: number, i: number) => `Findings: ${e} errors, ${w} warnings, ${i} info`,
    severity: { error: "ERROR", warning: "WARNING", info: "INFO" } as Record<string, string>,
    wrote: (f: string) => `Annotated copy written: ${f}`,
    copyRefused: (f: string, lost: string) =>
      `${f}: no annotated copy written — the copy would lose the user's ${lost}. The findings are still reported above; check this file in Excel with the add-in.`,
    roles: {
      no: "No",
      sasaran: "Objective",
      indikator: "Indicator",
      target: "Target",
      formula: "Formula",
      sumber: "Data source",
      penanggungJawab: "Responsible",
      satuan: "Unit",
      baseline: "Baseline",
      final: "Final condition",
      realisasi: "Realisation",
      capaian: "Achievement",
      predikat: "Grade",
      keterangan: "Remarks",
    } as Record<string, string>,
  },
};

export type Messages = (typeof MESSAGES)["id"];
