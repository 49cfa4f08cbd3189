/** Annotated copies written the way the CLI writes them, for tests that need one. */
import { promises as fs } from "fs";
import path from "path";
import type { Finding } from "../../src/engine/report";
import { annotatePackage, cleanPackage, type CopyResult } from "../../src/xlsx/annotate";
import { openWorkbookBuffer } from "../../src/xlsx/read-workbook";

/** Writes `input`'s annotated copy to `outDir/<name>.checked.<ext>`; returns its path and the copy's figures. */
export async function writeAnnotatedCopy(input: string, outDir: string, findings: readonly Finding[], lang: "id" | "en" = "id"): Promise<string> {
  return (await writeCopyWithResult(input, outDir, findings, lang)).path;
}

export async function writeCopyWithResult(input: string, outDir: string, findings: readonly Finding[], lang: "id" | "en" = "id", mode: "annotate" | "clean" = "annotate"): Promise<CopyResult & { path: string }> {
  const opened = openWorkbookBuffer(await fs.readFile(input));
  const result = mode === "clean" ? cleanPackage(opened) : annotatePackage(opened, findings, lang);
  await fs.mkdir(outDir, { recursive: true });
  const stem = path.basename(input).replace(/\.[^.]+$/, "");
  const target = path.join(outDir, `${stem}.${mode === "clean" ? "clean" : "checked"}.${opened.info.kind}`);
  await fs.writeFile(target, result.bytes, { flag: "wx" });
  return { ...result, path: target };
}
