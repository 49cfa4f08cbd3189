/**
 * iki-check: reads workbook files (never writes them), runs the engine, prints a human
 * report or the JSON contract, and writes annotated or clean copies on request. Exit 0 =
 * no error findings, 1 = error findings, 2 = usage error or an unreadable input (the
 * other inputs are still checked, and the report is always complete).
 */
import os from "os";
import { findSoffice } from "../xlsx/libreoffice";
import type { FileJob } from "./check-file";
import { expandInputs } from "./inputs";
import { MESSAGES, type Lang } from "./messages";
import { runPool } from "./pool";

export interface Io {
  /** stdout, as given (no newline added); awaited, so output follows the terminal's pace. */
  out: (text: string) => void | Promise<void>;
  /** One line for stderr. */
  err: (line: string) => void;
}

export interface Options {
  json: boolean;
  lang: Lang;
  inputs: string[];
  outDir: string | null;
  clean: boolean;
  jobs: number;
}

export interface RunSettings {
  /** Check files in this thread instead of worker threads (tests). */
  inProcess?: boolean;
  env?: NodeJS.ProcessEnv;
}

export const JSON_VERSION = 1;

function availableCores(): number {
  return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
}

export function parseArgs(argv: string[]): Options | { error: string; lang: Lang } | "help" | "version" {
  const opts: Options = { json: false, lang: "id", inputs: [], outDir: null, clean: false, jobs: availableCores() };
  // The language decides the words of every other message: read it first.
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = a.startsWith("--lang=") ? a.slice(7) : a === "--lang" ? argv[i + 1] : undefined;
    if (value === "id" || value === "en") opts.lang = value;
  }
  const m = MESSAGES[opts.lang];
  const valueOf = (a: string, i: number): { value: string | undefined; next: number } =>
    a.includes("=") ? { value: a.slice(a.indexOf("=") + 1), next: i } : { value: argv[i + 1], next: i + 1 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") opts.json = true;
    else if (a === "--clean") opts.clean = true;
    else if (a === "-h" || a === "--help") return "help";
    else if (a === "-v" || a === "--version") return "version";
    else if (a === "--out" || a.startsWith("--out=")) {
      const { value, next } = valueOf(a, i);
      if (!value) return { error: m.unknownOption(a), lang: opts.lang };
      opts.outDir = value;
      i = next;
    } else if (a === "--lang" || a.startsWith("--lang=")) {
      const { value, next } = valueOf(a, i);
      if (value !== "id" && value !== "en") return { error: m.badLang(String(value)), lang: opts.lang };
      i = next;
    } else if (a === "--jobs" || a.startsWith("--jobs=") || a === "-j") {
      const { value, next } = valueOf(a, i);
      if (!value || !/^\d+$/.test(value) || Number(value) < 1) return { error: m.badJobs(String(value)), lang: opts.lang };
      opts.jobs = Number(value);
      i = next;
    } else if (a.startsWith("-") && a !== "-") return { error: m.unknownOption(a), lang: opts.lang };
    else opts.inputs.push(a);
  }
  if (opts.clean && !opts.outDir) return { error: m.cleanNeedsOut, lang: opts.lang };
  return opts;
}

export async function run(argv: string[], io: Io, version: string, settings: RunSettings = {}): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed === "help") {
    await io.out(`${MESSAGES.id.usage}\n\n${MESSAGES.en.usage}\n`);
    return 0;
  }
  if (parsed === "version") {
    await io.out(`${version}\n`);
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
  const mode = parsed.clean ? "clean" : "annotate";
  const expanded = await expandInputs(parsed.inputs, mode, m);
  for (const notice of expanded.notices) io.err(notice);
  const soffice = findSoffice(settings.env ?? process.env);
  const jobs: FileJob[] = expanded.files.map((file) => ({
    file,
    lang: parsed.lang,
    json: parsed.json,
    output: parsed.outDir ? { dir: parsed.outDir, mode } : null,
    soffice,
  }));

  let unreadable = expanded.failed;
  let errorFindings = 0;
  if (parsed.json) await io.out(`{\n  "version": ${JSON_VERSION},\n  "files": [`);
  // IKI_CHECK_HEAP_MB sets each worker's heap limit (default: a share of the machine's memory).
  const heapMb = Number((settings.env ?? process.env).IKI_CHECK_HEAP_MB) || undefined;
  await runPool(jobs, { jobs: parsed.jobs, inProcess: settings.inProcess, heapMb }, async (index, r) => {
    if (parsed.json) await io.out(`${index > 0 ? "," : ""}\n    `);
    for (const chunk of r.chunks) await io.out(chunk);
    // Errors and notices go to stderr only; stdout stays a clean report (or clean JSON).
    for (const line of r.summary.stderr) io.err(line);
    if (r.summary.unreadable) unreadable = true;
    errorFindings += r.summary.errorFindings;
  });
  if (parsed.json) await io.out(jobs.length > 0 ? "\n  ]\n}\n" : "]\n}\n");
  if (unreadable || jobs.length === 0) return 2;
  return errorFindings > 0 ? 1 : 0;
}
