/**
 * LibreOffice as the reader of the formats we do not parse ourselves: Excel 97–2003
 * `.xls` (the only `.xls` reader on npm, `xlsx@0.18.5`, is stale and has advisories),
 * `.ods`, `.xlsb`, XML Spreadsheet 2003 and HTML tables saved as `.xls`. The file is
 * converted to `.xlsx` in a private temporary folder, with a private LibreOffice profile
 * (two instances cannot share one), and read from there. Nothing is sent anywhere.
 */
import { execFile } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";

const exec = promisify(execFile);

const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/bin/libreoffice",
  "/usr/lib/libreoffice/program/soffice",
  "/usr/local/bin/soffice",
  "/opt/libreoffice/program/soffice",
  "/snap/bin/libreoffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
  "C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe",
];

/**
 * The LibreOffice executable: `IKI_CHECK_SOFFICE` when set (empty = do not use
 * LibreOffice), else `soffice`/`libreoffice` on the PATH, else the usual install places.
 */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const forced = env.IKI_CHECK_SOFFICE;
  if (forced !== undefined) return forced === "" ? null : forced;
  const dirs = (env.PATH ?? "").split(path.delimiter).filter(Boolean);
  for (const dir of dirs) {
    for (const name of ["soffice", "libreoffice", "soffice.exe"]) {
      const p = path.join(dir, name);
      if (existsSync(p)) return p;
    }
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export class ConversionError extends Error {}

/** Converts a spreadsheet LibreOffice can open into `.xlsx` bytes. */
export async function convertToXlsx(soffice: string, input: string, timeoutMs = 180_000): Promise<Buffer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-check-convert-"));
  try {
    const source = path.join(dir, `in${path.extname(input).toLowerCase() || ".bin"}`);
    await fs.copyFile(input, source);
    const profile = path.join(dir, "profile");
    const out = path.join(dir, "out");
    await fs.mkdir(out);
    try {
      await exec(
        soffice,
        [`-env:UserInstallation=${pathToFileUrl(profile)}`, "--headless", "--norestore", "--nolockcheck", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out, source],
        { timeout: timeoutMs, windowsHide: true },
      );
    } catch (e) {
      throw new ConversionError(`LibreOffice failed: ${(e as Error).message.split("\n")[0]}`);
    }
    const converted = path.join(out, "in.xlsx");
    if (!existsSync(converted)) throw new ConversionError("LibreOffice could not open the file");
    return await fs.readFile(converted);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

function pathToFileUrl(p: string): string {
  const abs = path.resolve(p).replace(/\\/g, "/");
  return `file://${abs.startsWith("/") ? "" : "/"}${encodeURI(abs)}`;
}
