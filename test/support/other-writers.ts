/**
 * Fixtures from another writer: a workbook round-tripped through LibreOffice Calc's own
 * filters, as an officer's LibreOffice would save it — `.xlsx` → LibreOffice → `.xlsx`,
 * → `.ods`, or → `.xls` (Excel 97–2003), and back to `.xlsx` for the last two. Formulas
 * keep their cached results (LibreOffice set to never recalculate on load, its default for
 * Excel files), so the results must equal the original's.
 *
 * Files of one filter are converted in one LibreOffice run (its start costs seconds), and
 * results are cached in the temp folder by content, so test files share them.
 */
import { execFile } from "child_process";
import { createHash } from "crypto";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { promisify } from "util";
import { findSoffice } from "../../src/xlsx/libreoffice";

const exec = promisify(execFile);

/**
 * `recalculated`: `.xlsx` → LibreOffice → `.xlsx` with every formula recalculated on load —
 * what LibreOffice computes, the comparison for `.xls`, whose import LibreOffice always
 * recalculates.
 */
export type Via = "xlsx" | "ods" | "xls" | "recalculated";

const FILTERS: Record<Via | "back", string> = {
  xlsx: "xlsx:Calc MS Excel 2007 XML",
  recalculated: "xlsx:Calc MS Excel 2007 XML",
  ods: "ods:calc8",
  xls: "xls:MS Excel 97",
  back: "xlsx:Calc MS Excel 2007 XML",
};

const recalcProfile = (mode: 0 | 1): string => `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>${mode}</value></prop></item>
</oor:items>
`;

export const CACHE = path.join(os.tmpdir(), "iki-other-writers");

async function convertBatch(soffice: string, inputs: string[], filter: string, outDir: string, recalculate = false): Promise<void> {
  if (inputs.length === 0) return;
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "iki-lo-profile-"));
  await fs.mkdir(path.join(profile, "user"), { recursive: true });
  // 1 = never recalculate (keep the cached results), 0 = always.
  await fs.writeFile(path.join(profile, "user", "registrymodifications.xcu"), recalcProfile(recalculate ? 0 : 1));
  try {
    await exec(soffice, [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", "--convert-to", filter, "--outdir", outDir, ...inputs], { timeout: 300_000 });
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
}

const hash = async (file: string): Promise<string> => createHash("sha1").update(await fs.readFile(file)).digest("hex").slice(0, 16);

export interface RoundTrip {
  /** The file in LibreOffice's format (`.ods`, `.xls`), or its `.xlsx` for `via: "xlsx"`. */
  middle: string;
  /** Back in `.xlsx`, as LibreOffice writes it. */
  xlsx: string;
}

/** Round-trips `files` through LibreOffice; null when LibreOffice is not installed. */
export async function roundTrip(files: readonly string[], via: Via): Promise<Map<string, RoundTrip> | null> {
  const soffice = findSoffice();
  if (!soffice) return null;
  await fs.mkdir(CACHE, { recursive: true });
  const keyed = await Promise.all(files.map(async (f) => ({ file: f, key: `${await hash(f)}-${via}` })));
  const out = new Map<string, RoundTrip>();
  const todo = keyed.filter(({ key }) => !existsSync(path.join(CACHE, `${key}.xlsx`)));
  if (todo.length > 0) {
    const work = await fs.mkdtemp(path.join(os.tmpdir(), "iki-roundtrip-"));
    try {
      const inDir = path.join(work, "in");
      const midDir = path.join(work, "mid");
      const backDir = path.join(work, "back");
      await Promise.all([inDir, midDir, backDir].map((d) => fs.mkdir(d)));
      for (const t of todo) await fs.copyFile(t.file, path.join(inDir, `${t.key}.xlsx`));
      await convertBatch(soffice, todo.map((t) => path.join(inDir, `${t.key}.xlsx`)), FILTERS[via], midDir, via === "recalculated");
      const ext = via === "xlsx" || via === "recalculated" ? "xlsx" : via;
      for (const t of todo) {
        const mid = path.join(midDir, `${t.key}.${ext}`);
        if (!existsSync(mid)) throw new Error(`LibreOffice wrote no ${path.basename(mid)} for ${t.file}`);
        await fs.copyFile(mid, path.join(CACHE, `${t.key}.${ext === "xlsx" ? "mid.xlsx" : ext}`));
      }
      if (ext === "xlsx") {
        for (const t of todo) await fs.copyFile(path.join(midDir, `${t.key}.xlsx`), path.join(CACHE, `${t.key}.xlsx`));
      } else {
        await convertBatch(soffice, todo.map((t) => path.join(midDir, `${t.key}.${ext}`)), FILTERS.back, backDir);
        for (const t of todo) await fs.copyFile(path.join(backDir, `${t.key}.xlsx`), path.join(CACHE, `${t.key}.xlsx`));
      }
    } finally {
      await fs.rm(work, { recursive: true, force: true });
    }
  }
  for (const { file, key } of keyed) {
    const mid = via === "xlsx" || via === "recalculated" ? `${key}.mid.xlsx` : `${key}.${via}`;
    out.set(file, { middle: path.join(CACHE, mid), xlsx: path.join(CACHE, `${key}.xlsx`) });
  }
  return out;
}
