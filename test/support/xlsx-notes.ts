/**
 * Reads the notes (legacy comments) of an .xlsx straight from its XML parts. exceljs
 * writes a note on an empty cell but does not read it back, so tests look at the file.
 */
import JSZip from "jszip";
import { promises as fs } from "fs";
import path from "path";

const unescape = (s: string): string =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** `Sheet!A1` → note text. */
export async function readNotes(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const text = async (p: string): Promise<string> => (await zip.file(p)?.async("string")) ?? "";
  const workbook = await text("xl/workbook.xml");
  const wbRels = await text("xl/_rels/workbook.xml.rels");
  const notes = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"/g)) {
    const [, name, rid] = m;
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(wbRels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(wbRels)?.[1];
    if (!target) continue;
    const sheetPath = path.posix.join("xl", target.replace(/^\/?xl\//, ""));
    const rels = await text(path.posix.join(path.posix.dirname(sheetPath), "_rels", `${path.posix.basename(sheetPath)}.rels`));
    const commentsTarget = /Target="([^"]*comments[^"]*)"/.exec(rels)?.[1];
    if (!commentsTarget) continue;
    const comments = await text(path.posix.normalize(path.posix.join(path.posix.dirname(sheetPath), commentsTarget)));
    for (const c of comments.matchAll(/<comment ref="([A-Z]+\d+)"[^>]*>([\s\S]*?)<\/comment>/g)) {
      const body = [...c[2].matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((t) => unescape(t[1])).join("");
      notes.set(`${unquote(name)}!${c[1]}`, body);
    }
  }
  return notes;
}

function unquote(name: string): string {
  return unescape(name);
}
