/**
 * LibreOffice headless as an independent spreadsheet engine: converts an .xlsx to .xlsx
 * with every formula recalculated on load (a private profile sets OOXMLRecalcMode to 0,
 * "always" — by default LibreOffice keeps the cached values of OOXML files).
 */
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";

const run = promisify(execFile);

export function sofficePath(): string | null {
  for (const p of ["/usr/bin/soffice", "/usr/bin/libreoffice", "/usr/local/bin/soffice"]) if (existsSync(p)) return p;
  return null;
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Recalculates `input` into `outDir` (same file name); returns the output path. */
export async function recalculate(input: string, outDir: string): Promise<string> {
  const soffice = sofficePath();
  if (!soffice) throw new Error("LibreOffice (soffice) is not installed");
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "iki-lo-profile-"));
  await fs.mkdir(path.join(profile, "user"), { recursive: true });
  await fs.writeFile(path.join(profile, "user", "registrymodifications.xcu"), RECALC_ALWAYS);
  try {
    await run(
      soffice,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", outDir, input],
      { timeout: 120_000 },
    );
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const out = path.join(outDir, path.basename(input));
  if (!existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
  return out;
}
