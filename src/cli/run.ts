/**
 * iki-check: reads .xlsx files (never writes them), runs the engine, prints a human
 * report or the JSON contract. Exit 0 = no error findings, 1 = error findings,
 * 2 = usage error or an unreadable input (the other inputs are still checked).
 */
import { promises as fs } from "fs";
import path from "path";
import { checkWorkbook, type Finding, type SheetReport } from "../engine/report";
import type { WorkbookSnapshot } from "../engine/snapshot";
import { readWorkbookFile } from "../xlsx/read-workbook";
import { writeAnnotatedCopy } from "../xlsx/annotate";
import { CopyWouldLoseContentError } from "../xlsx/copy-fidelity";
import { formatFile, type FileResult } from "./human-report";
import { MESSAGES, type Lang, type Messages } from "./messages";

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface Options {
  json: boolean;
  lang: Lang;
  inputs: string[];
  outDir: string | null;
}

export const JSON_VERSION = 1;

export function parseArgs(argv: string[]): Options | { error: string; lang: Lang } | "help" | "version" {
  const opts: Options = { json: false, lang: "id", inputs: [], outDir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "-h" || a === "--help") return "help";
    else if (a === "--out" || a.startsWith("--out=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (!value) return { error: MESSAGES[opts.lang].unknownOption(a), lang: opts.lang };
      opts.outDir = value;
    }
    else if (a === "-v" || a === "--version") return "version";
    else if (a === "--lang" || a.startsWith("--lang=")) {
      const value = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (value !== "id" && value !== "en") return { error: MESSAGES[opts.lang].badLang(String(value)), lang: opts.lang };
      opts.lang = value;
    } else if (a.startsWith("-") && a !== "-") return { error: MESSAGES[opts.lang].unknownOption(a), lang: opts.lang };
    else opts.inputs.push(a);
  }
  return opts;
}

/** Folders expand to the .xlsx files directly inside them, in name order. */
async function expandInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(input)).filter((n) => /\.xlsx$/i.test(n) && !n.startsWith("~$")).sort();
      files.push(...names.map((n) => path.join(input, n)));
    } else {
      files.push(input);
    }
  }
  return files;
}

export async function checkFile(file: string, m: Messages, lang: Lang = "id"): Promise<FileResult> {
  const stat = await fs.stat(file).catch(() => null);
  if (!stat || !stat.isFile()) return { file, error: m.unreadable(file, m.notFound), sheets: [], findings: [] };
  if (!/\.xlsx$/i.test(file)) return { file, error: m.unreadable(file, m.notXlsx), sheets: [], findings: [] };
  let snapshot: WorkbookSnapshot;
  try {
    snapshot = await readWorkbookFile(file);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { file, error: m.unreadable(file, why), sheets: [], findings: [] };
  }
  // An engine failure on one sheet is our defect, not the file's: say so and check the other sheets.
  const sheets: SheetReport[] = [];
  const findings: Finding[] = [];
  const failures: string[] = [];
  for (const sheet of snapshot.sheets) {
    try {
      const report = checkWorkbook({ sheets: [sheet] }, { lang });
      sheets.push(...report.sheets);
      findings.push(...report.findings);
    } catch (e) {
      failures.push(m.engineFailed(sheet.name, e instanceof Error ? e.message : String(e)));
      sheets.push({ name: sheet.name, tables: [] });
    }
  }
  return { file, error: failures.length ? `${file}: ${failures.join("; ")}` : null, sheets, findings };
}

export async function run(argv: string[], io: Io, version: string): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === "help") {
    io.out(MESSAGES.id.usage + "\n\n" + MESSAGES.en.usage);
    return 0;
  }
  if (parsed === "version") {
    io.out(version);
    return 0;
  }
  if ("error" in parsed) {
    io.err(`${parsed.error}\n\n${MESSAGES[parsed.lang].usage}`);
    return 2;
  }
  const m = MESSAGES[parsed.lang];
  if (parsed.inputs.length === 0) {
    io.err(`${m.noFiles}\n\n${m.usage}`);
    return 2;
  }
  const files = await expandInputs(parsed.inputs);
  const results: FileResult[] = [];
  const written = new Set<string>(); // annotated copies of this run, never overwritten
  for (const file of files) {
    const result = await checkFile(file, m, parsed.lang);
    results.push(result);
    // Errors go to stderr only; stdout stays a clean report (or clean JSON).
    if (result.error) io.err(result.error);
    else if (!parsed.json) io.out(formatFile(result, m) + "\n");
    if (parsed.outDir && result.sheets.length > 0) {
      try {
        io.err(m.wrote(await writeAnnotatedCopy(file, parsed.outDir, result.findings, parsed.lang, written)));
      } catch (e) {
        // A refused copy is not a failed check: the findings stand, the exit code follows them.
        if (e instanceof CopyWouldLoseContentError) {
          io.err(m.copyRefused(file, e.lost.map((l) => l[parsed.lang]).join(", ")));
          continue;
        }
        result.error = m.unreadable(file, e instanceof Error ? e.message : String(e));
        io.err(result.error);
      }
    }
  }
  if (parsed.json) {
    const doc = {
      version: JSON_VERSION,
      files: results.map((r) => ({ file: r.file, error: r.error, sheets: r.sheets, findings: r.findings })),
    };
    io.out(JSON.stringify(doc, null, 2));
  }
  if (results.length === 0 || results.some((r) => r.error)) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === "error")) ? 1 : 0;
}
