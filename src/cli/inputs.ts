/**
 * The command line's inputs → the files to check. A folder stands for the workbooks
 * directly inside it (by extension; Excel's `~$` lock files and our own output copies are
 * left out, the copies with a notice); a file named twice, or reached twice through a
 * folder and by name, is checked once. A folder with nothing to check says so.
 */
import { promises as fs } from "fs";
import path from "path";
import { isOwnOutput } from "./check-file";
import type { Messages } from "./messages";

const WORKBOOK_EXTENSIONS = /\.(xlsx|xlsm|xltx|xltm|xls|ods|xlsb)$/i;

export interface ExpandedInputs {
  files: string[];
  notices: string[];
  /** True when an input gave nothing to check (an empty folder): exit 2. */
  failed: boolean;
}

async function identity(file: string): Promise<string> {
  return fs.realpath(file).catch(() => path.resolve(file));
}

export async function expandInputs(inputs: readonly string[], mode: "annotate" | "clean", m: Messages): Promise<ExpandedInputs> {
  const out: ExpandedInputs = { files: [], notices: [], failed: false };
  const seen = new Set<string>();
  const add = async (file: string): Promise<void> => {
    const id = await identity(file);
    if (seen.has(id)) {
      out.notices.push(m.duplicateInput(file));
      return;
    }
    seen.add(id);
    out.files.push(file);
  };
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (!stat?.isDirectory()) {
      await add(input);
      continue;
    }
    const entries = await fs.readdir(input, { withFileTypes: true });
    const names = entries
      .filter((e) => e.isFile() && WORKBOOK_EXTENSIONS.test(e.name) && !e.name.startsWith("~$"))
      .map((e) => e.name)
      .sort();
    let taken = 0;
    for (const name of names) {
      const file = path.join(input, name);
      if (isOwnOutput(name, mode)) {
        out.notices.push(m.skippedOwnOutput(file));
        continue;
      }
      taken++;
      await add(file);
    }
    if (taken === 0) {
      out.notices.push(m.emptyFolder(input));
      out.failed = true;
    }
  }
  return out;
}
