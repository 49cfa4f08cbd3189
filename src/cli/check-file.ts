/**
 * One input file, start to end: open it (any format), check every sheet with the engine,
 * write its annotated or clean copy when asked, and render its part of the report. Runs in
 * a worker thread (src/cli/worker.ts) or, for tests, in process.
 */
import { promises as fs } from "fs";
import path from "path";
import { isFindingsSheetTitle, NOTES_PER_SHEET } from "../engine/flag-style";
import { checkWorkbook, type Finding, type SheetReport } from "../engine/report";
import { valueAt } from "../engine/snapshot";
import { annotatePackage, cleanPackage, type CopyResult } from "../xlsx/annotate";
import { OpenError, openWorkbookFile, type OpenedFile } from "../xlsx/open-file";
import { DEFAULT_ZIP_LIMITS } from "../xlsx/zip";
import { writeFileReport, type FileResult } from "./human-report";
import { writeJson, type Sink } from "./json-stream";
import { MESSAGES, type ErrorCode, type Lang } from "./messages";
import { writeNewFile } from "./output-file";

export interface FileJob {
  file: string;
  lang: Lang;
  json: boolean;
  /** Where copies go, and which: annotated (`--out`) or clean (`--out --clean`). */
  output: { dir: string; mode: "annotate" | "clean" } | null;
  soffice: string | null;
}

export interface FileOutcome extends FileResult {
  errorCode: ErrorCode | null;
  /** Lines for stderr, in order. */
  notices: string[];
}

/** The copy's stem: the input's name without its extension and without our own suffixes. */
export function copyStem(file: string): string {
  return path
    .basename(file)
    .replace(/\.[^.]+$/, "")
    .replace(/(?: \(\d+\))?\.(?:checked|clean)$/i, "");
}

/** Our own outputs (`Renja.checked.xlsx`, `Renja (2).clean.xlsm`). */
export function isOwnOutput(name: string, mode: "annotate" | "clean"): boolean {
  return mode === "clean" ? /\.clean\.[^.]+$/i.test(name) : /\.(?:checked|clean)\.[^.]+$/i.test(name);
}

function failed(file: string, code: ErrorCode, message: string, notices: string[] = []): FileOutcome {
  return { file, error: message, errorCode: code, sheets: [], findings: [], notices };
}

export async function checkFile(job: FileJob): Promise<FileOutcome> {
  const m = MESSAGES[job.lang];
  const notices: string[] = [];
  let opened: OpenedFile;
  try {
    opened = await openWorkbookFile(job.file, { soffice: job.soffice, limits: DEFAULT_ZIP_LIMITS });
  } catch (e) {
    if (!(e instanceof OpenError)) throw e;
    const why = e.detail ? `${m.reasons[e.code](e.format)} ${m.detail(e.detail)}` : m.reasons[e.code](e.format);
    return failed(job.file, e.code, m.unreadable(job.file, why));
  }
  if (opened.converted) notices.push(m.convertedCopy(job.file, opened.format as Exclude<OpenedFile["format"], "xlsx" | "xlsm" | "xltx" | "xltm">));

  // An engine failure on one sheet is our defect, not the file's: say so and check the other sheets.
  const sheets: SheetReport[] = [];
  const findings: Finding[] = [];
  const failures: string[] = [];
  for (const sheet of opened.snapshot.sheets) {
    if (isFindingsSheetTitle(valueAt(sheet, 1, 1))) {
      notices.push(m.skippedFindingsSheet(job.file, sheet.name));
      continue;
    }
    try {
      const report = checkWorkbook({ sheets: [sheet] }, { lang: job.lang });
      sheets.push(...report.sheets);
      findings.push(...report.findings);
    } catch (e) {
      failures.push(m.engineFailed(sheet.name, e instanceof Error ? e.message : String(e)));
      sheets.push({ name: sheet.name, tables: [] });
    }
  }
  const outcome: FileOutcome = {
    file: job.file,
    error: failures.length ? `${job.file}: ${failures.join("; ")}` : null,
    errorCode: failures.length ? "engine-failed" : null,
    sheets,
    findings,
    notices,
  };
  if (job.output) await writeCopy(job, opened, outcome);
  return outcome;
}

async function writeCopy(job: FileJob, opened: OpenedFile, outcome: FileOutcome): Promise<void> {
  const m = MESSAGES[job.lang];
  const out = job.output!;
  const result: CopyResult = out.mode === "clean" ? cleanPackage(opened) : annotatePackage(opened, outcome.findings, job.lang);
  const ext = opened.converted ? "xlsx" : opened.format;
  const suffix = out.mode === "clean" ? "clean" : "checked";
  const stem = copyStem(job.file);
  const name = (n: number): string => path.join(out.dir, `${n === 1 ? stem : `${stem} (${n})`}.${suffix}.${ext}`);
  try {
    await fs.mkdir(out.dir, { recursive: true });
    const written = await writeNewFile(name, result.bytes, path.resolve(job.file));
    if (written !== name(1)) outcome.notices.push(m.nameTaken(name(1), written));
    outcome.notices.push(out.mode === "clean" ? m.wroteClean(written) : m.wrote(written));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const target = typeof (err as { path?: unknown }).path === "string" ? String((err as { path?: string }).path) : name(1);
    outcome.error = m.outputFailed(target, err.code ? `${err.code}: ${err.message}` : String(e));
    outcome.errorCode = "output-failed";
    return;
  }
  if (result.replacedEarlier && out.mode === "annotate") outcome.notices.push(m.replacedEarlier(job.file));
  if (result.keptUserNotes > 0) outcome.notices.push(m.userNotesKept(job.file, result.keptUserNotes));
  if (result.beyondNoteCap > 0) outcome.notices.push(m.noteCap(job.file, result.beyondNoteCap, NOTES_PER_SHEET));
}

/** The file's element of the JSON report's `files` array, written at its place (depth 2). */
export function writeFileJson(outcome: FileOutcome, sink: Sink): void {
  writeJson({ file: outcome.file, error: outcome.error, errorCode: outcome.errorCode, sheets: outcome.sheets, findings: outcome.findings }, sink, 8, 2);
}

export function writeFileHuman(outcome: FileOutcome, lang: Lang, sink: Sink): void {
  writeFileReport(outcome, MESSAGES[lang], (line) => sink(`${line}\n`));
}
