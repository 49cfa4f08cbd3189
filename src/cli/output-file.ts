/**
 * Output files that never replace anything: a copy goes to the first name of its family
 * (`Renja.checked.xlsx`, `Renja (2).checked.xlsx`, …) that does not exist yet, taken
 * atomically — written to a temporary file, then hard-linked to its name, which fails
 * when the name exists, even if another worker or program took it a moment ago. On file
 * systems without hard links (FAT on USB drives) the name is created exclusively
 * (`wx`) and written in place.
 */
import { promises as fs } from "fs";
import path from "path";

const NO_LINKS = new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "EXDEV", "ENOSYS", "EMLINK"]);

async function tryTake(target: string, bytes: Buffer): Promise<boolean> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`);
  try {
    await fs.writeFile(tmp, bytes, { flag: "wx" });
  } catch (e) {
    throw Object.assign(e as Error, { path: target });
  }
  try {
    await fs.link(tmp, target);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    if (code === "EEXIST") return false;
    if (!NO_LINKS.has(code)) throw Object.assign(e as Error, { path: target });
    return exclusiveWrite(target, bytes);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

async function exclusiveWrite(target: string, bytes: Buffer): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(target, "wx");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw Object.assign(e as Error, { path: target });
  }
  try {
    await handle.writeFile(bytes);
  } catch (e) {
    await handle.close();
    await fs.rm(target, { force: true });
    throw Object.assign(e as Error, { path: target });
  }
  await handle.close();
  return true;
}

/** Writes `bytes` to `name(n)` for the first n ≥ 1 that is free (and is not `never`); returns the path. */
export async function writeNewFile(name: (n: number) => string, bytes: Buffer, never?: string): Promise<string> {
  for (let n = 1; n < 10_000; n++) {
    const target = name(n);
    if (never && path.resolve(target) === never) continue;
    if (await tryTake(target, bytes)) return target;
  }
  throw new Error("no free output name");
}
