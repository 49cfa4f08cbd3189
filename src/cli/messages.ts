/** The CLI's words, Bahasa Indonesia first. */
import type { OpenErrorCode, SourceFormat } from "../xlsx/open-file";

export type Lang = "id" | "en";

/** Every reason a file gets no report of its own, as `errorCode` in --json. */
export type ErrorCode = OpenErrorCode | "engine-failed" | "output-failed" | "out-of-memory";

const FORMAT_NAME: Record<SourceFormat, string> = {
  xls: "Excel 97–2003 (.xls)",
  ods: "OpenDocument (.ods)",
  xlsb: "Excel Binary (.xlsb)",
  "spreadsheet-xml-2003": "XML Spreadsheet 2003",
  html: "HTML",
};

export const MESSAGES = {
  id: {
    usage: `Pemakaian: iki-check [opsi] BERKAS|FOLDER ...

Memeriksa lembar kerja IKI/IKU/pengukuran kinerja dalam buku kerja Excel
(.xlsx, .xlsm, .xltx, .xltm; .xls, .ods dan .xlsb melalui LibreOffice bila terpasang).
Berkas masukan tidak pernah diubah, dan berkas keluaran yang sudah ada tidak pernah ditimpa.

Opsi:
  --json          cetak laporan JSON (versi 1) ke stdout
  --out FOLDER    tulis salinan bertanda <nama>.checked.xlsx ke FOLDER: berkas asli
                  ditambah format bersyarat dan catatan pada sel bertemuan, serta lembar "Temuan"
  --clean         bersama --out: tulis salinan <nama>.clean.xlsx tanpa apa pun yang
                  ditulis IKI Checker (tanda, catatan, lembar Temuan)
  --jobs N        periksa N berkas sekaligus (bawaan: jumlah inti prosesor)
  --lang id|en    bahasa laporan (bawaan: id)
  -h, --help      tampilkan bantuan ini
  -v, --version   tampilkan versi

Kode keluar: 0 = tidak ada temuan galat, 1 = ada temuan galat,
2 = pemakaian salah atau ada berkas yang tidak terbaca (berkas lain tetap diperiksa).`,
    noFiles: "Tidak ada berkas yang diberikan.",
    unknownOption: (o: string) => `Opsi tidak dikenal: ${o}`,
    badLang: (l: string) => `Bahasa tidak dikenal: ${l} (pilih id atau en)`,
    badJobs: (j: string) => `Jumlah --jobs tidak sah: ${j} (bilangan bulat 1 atau lebih)`,
    cleanNeedsOut: "--clean perlu --out FOLDER (tempat salinan bersih ditulis).",
    unreadable: (f: string, why: string) => `${f}: tidak dapat dibaca — ${why}`,
    reasons: {
      "not-found": () => "berkas tidak ditemukan",
      "empty-file": () => "berkas kosong (0 bita); mungkin unduhan atau lampiran surel yang gagal",
      encrypted: () => "berkas dilindungi kata sandi. Buka di Excel, hapus kata sandi (File > Info > Lindungi Buku Kerja > Enkripsi dengan Kata Sandi), simpan, lalu periksa lagi",
      "needs-libreoffice": (format?: SourceFormat) =>
        `format ${format ? FORMAT_NAME[format] : "lama"} hanya dapat dibaca melalui LibreOffice, yang tidak terpasang. Simpan ulang sebagai .xlsx (Excel: File > Save As > Excel Workbook), atau pasang LibreOffice`,
      "conversion-failed": (format?: SourceFormat) => `LibreOffice tidak dapat membuka berkas ${format ? FORMAT_NAME[format] : ""} ini; mungkin rusak. Buka dan simpan ulang sebagai .xlsx`,
      damaged: () => "berkas rusak atau terpotong (arsip zip atau XML di dalamnya tidak utuh). Minta kiriman ulang, atau buka di Excel dan simpan ulang",
      "not-a-workbook": () => "bukan buku kerja Excel (isi berkas bukan lembar kerja yang dikenal)",
      "too-large": () => "berkas terlalu besar untuk diperiksa (melampaui batas ukuran atau jumlah sel; dapat juga berupa bom zip)",
      "out-of-memory": () => "pemeriksaan berkas ini kehabisan memori dan dihentikan; berkas lain tetap diperiksa",
    } as Record<OpenErrorCode | "out-of-memory", (format?: SourceFormat) => string>,
    detail: (d: string) => `(${d})`,
    engineFailed: (sheet: string, why: string) => `pemeriksaan lembar "${sheet}" gagal (cacat program, mohon dilaporkan): ${why}`,
    outputFailed: (out: string, why: string) => `${out}: salinan tidak dapat ditulis — ${why}`,
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
    wroteClean: (f: string) => `Salinan bersih ditulis: ${f}`,
    nameTaken: (wanted: string, used: string) => `${wanted} sudah ada dan tidak ditimpa; salinan ditulis sebagai ${used}`,
    convertedCopy: (f: string, format: SourceFormat) => `${f}: dibaca dari ${FORMAT_NAME[format]} melalui LibreOffice; salinannya berformat .xlsx`,
    replacedEarlier: (f: string) => `${f}: tanda dan lembar Temuan dari pemeriksaan sebelumnya diganti, tidak ditumpuk`,
    userNotesKept: (f: string, n: number) => `${f}: ${n} sel bertemuan sudah berisi catatan atau komentar pengguna; catatan itu tidak diubah (sel hanya diberi warna, pesannya ada di lembar Temuan)`,
    noteCap: (f: string, n: number, cap: number) => `${f}: ${n} sel bertemuan tidak diberi catatan (paling banyak ${cap} catatan per lembar); semuanya tetap berwarna dan tercantum di lembar Temuan`,
    skippedOwnOutput: (f: string) => `${f}: dilewati — ini salinan keluaran IKI Checker`,
    duplicateInput: (f: string) => `${f}: disebut lebih dari sekali; diperiksa sekali`,
    emptyFolder: (d: string) => `${d}: tidak ada buku kerja untuk diperiksa di folder ini (.xlsx, .xlsm, .xltx, .xltm, .xls, .ods, .xlsb)`,
    skippedFindingsSheet: (f: string, s: string) => `${f}: lembar "${s}" adalah daftar temuan IKI Checker; tidak diperiksa`,
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
    usage: `Usage: iki-check [options] FILE|FOLDER ...

Checks IKI/IKU/performance-measurement worksheets in Excel workbooks
(.xlsx, .xlsm, .xltx, .xltm; .xls, .ods and .xlsb through LibreOffice when installed).
Input files are never modified, and existing output files are never overwritten.

Options:
  --json          print the JSON report (version 1) to stdout
  --out DIR       write annotated copies <name>.checked.xlsx to DIR: the original file
                  plus a conditional format and a note on flagged cells, and a "Findings" sheet
  --clean         with --out: write <name>.clean.xlsx copies without anything IKI Checker
                  wrote (flags, notes, findings sheet)
  --jobs N        check N files at a time (default: the number of processor cores)
  --lang id|en    report language (default: id)
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 = no error findings, 1 = error findings,
2 = usage error or an unreadable input (the other files are still checked).`,
    noFiles: "No files given.",
    unknownOption: (o: string) => `Unknown option: ${o}`,
    badLang: (l: string) => `Unknown language: ${l} (choose id or en)`,
    badJobs: (j: string) => `Invalid --jobs: ${j} (a whole number, 1 or more)`,
    cleanNeedsOut: "--clean needs --out DIR (where the clean copies are written).",
    unreadable: (f: string, why: string) => `${f}: cannot be read — ${why}`,
    reasons: {
      "not-found": () => "file not found",
      "empty-file": () => "the file is empty (0 bytes); perhaps a failed download or e-mail attachment",
      encrypted: () => "the file is password-protected. Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password), save, and check it again",
      "needs-libreoffice": (format?: SourceFormat) =>
        `the ${format ? FORMAT_NAME[format] : "old"} format can only be read through LibreOffice, which is not installed. Save it again as .xlsx (Excel: File > Save As > Excel Workbook), or install LibreOffice`,
      "conversion-failed": (format?: SourceFormat) => `LibreOffice cannot open this ${format ? FORMAT_NAME[format] : ""} file; it may be damaged. Open it and save it again as .xlsx`,
      damaged: () => "the file is damaged or truncated (its zip archive or the XML inside is incomplete). Ask for it again, or open it in Excel and save it again",
      "not-a-workbook": () => "not an Excel workbook (the file holds no worksheet we know)",
      "too-large": () => "the file is too large to check (beyond the size or cell limits; or a zip bomb)",
      "out-of-memory": () => "checking this file ran out of memory and was stopped; the other files are still checked",
    } as Record<OpenErrorCode | "out-of-memory", (format?: SourceFormat) => string>,
    detail: (d: string) => `(${d})`,
    engineFailed: (sheet: string, why: string) => `checking sheet "${sheet}" failed (a defect, please report it): ${why}`,
    outputFailed: (out: string, why: string) => `${out}: the copy cannot be written — ${why}`,
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
    wroteClean: (f: string) => `Clean copy written: ${f}`,
    nameTaken: (wanted: string, used: string) => `${wanted} exists and is not overwritten; the copy is written as ${used}`,
    convertedCopy: (f: string, format: SourceFormat) => `${f}: read from ${FORMAT_NAME[format]} through LibreOffice; its copy is an .xlsx`,
    replacedEarlier: (f: string) => `${f}: the flags and findings sheet of an earlier check were replaced, not stacked`,
    userNotesKept: (f: string, n: number) => `${f}: ${n} flagged cells already hold the user's note or comment; it is not changed (the cell gets the colour only, its messages are on the findings sheet)`,
    noteCap: (f: string, n: number, cap: number) => `${f}: ${n} flagged cells got no note (at most ${cap} notes per sheet); all keep their colour and are listed on the findings sheet`,
    skippedOwnOutput: (f: string) => `${f}: skipped — an output copy of IKI Checker`,
    duplicateInput: (f: string) => `${f}: named more than once; checked once`,
    emptyFolder: (d: string) => `${d}: no workbook to check in this folder (.xlsx, .xlsm, .xltx, .xltm, .xls, .ods, .xlsb)`,
    skippedFindingsSheet: (f: string, s: string) => `${f}: sheet "${s}" is an IKI Checker findings list; not checked`,
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
