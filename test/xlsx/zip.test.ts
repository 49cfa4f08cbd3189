/**
 * The zip container as other tools write it: Info-ZIP's `zip` with ZIP64 records forced
 * (`-fz`, as some generators write even small files) and streamed to a pipe (sizes in
 * data descriptors, as Java and .NET writers do). The workbook reads the same, and its
 * annotated copy copies every untouched entry as stored. (The ZIP64 archive also holds
 * folder entries, `xl/`, `docProps/`, which some tools add.)
 */
import { execFileSync } from "child_process";
import { existsSync, promises as fs } from "fs";
import os from "os";
import path from "path";
import { checkWorkbook } from "../../src/engine/report";
import { annotatePackage } from "../../src/xlsx/annotate";
import { openWorkbookBuffer, readWorkbookBuffer } from "../../src/xlsx/read-workbook";
import { readDirectory, ZipLimitError, ZipPackage } from "../../src/xlsx/zip";
import { WORKBOOKS } from "../support/fixtures";
import { diffPackages } from "../support/package-diff";

const ZIP = "/usr/bin/zip";
const PENGUKURAN = path.join(WORKBOOKS, "pengukuran-bkpsdm-2024.xlsx");

let dir: string;
let unpacked: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "iki-zip-"));
  unpacked = path.join(dir, "in");
  const pkg = new ZipPackage(await fs.readFile(PENGUKURAN));
  for (const e of pkg.entries) {
    await fs.mkdir(path.join(unpacked, path.dirname(e.name)), { recursive: true });
    await fs.writeFile(path.join(unpacked, e.name), pkg.read(e.name)!);
  }
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const results = (bytes: Buffer): string => JSON.stringify(checkWorkbook(readWorkbookBuffer(bytes)));

(existsSync(ZIP) ? describe : describe.skip)("Info-ZIP's archives", () => {
  test.each([
    ["ZIP64 records", ["-q", "-r", "-fz", "-X"]],
    ["streamed, sizes in data descriptors", ["-q", "-r", "-X", "-D", "-fd"]],
  ])("%s: the same results, and a copy that only adds", async (_label, flags) => {
    const file = path.join(dir, `${flags.join("")}.xlsx`);
    if (flags.includes("-fd")) {
      // Output to a pipe: zip cannot seek back, so it writes data descriptors.
      const bytes = execFileSync(ZIP, [...flags.filter((f) => f !== "-fd"), "-", "."], { cwd: unpacked, maxBuffer: 1 << 26 });
      await fs.writeFile(file, bytes);
    } else execFileSync(ZIP, [...flags, file, "."], { cwd: unpacked });
    const bytes = await fs.readFile(file);
    const entries = readDirectory(bytes);
    if (flags.includes("-fz")) expect(entries.some((e) => e.centralExtra.length > 0 && e.centralExtra.readUInt16LE(0) === 0x0001)).toBe(true);
    else expect(entries.every((e) => (e.flags & 0x0008) !== 0)).toBe(true);
    expect(results(bytes)).toBe(results(await fs.readFile(PENGUKURAN)));
    const opened = openWorkbookBuffer(bytes);
    const copy = annotatePackage(opened, checkWorkbook(opened.snapshot).findings).bytes;
    const d = await diffPackages(bytes, copy);
    expect(d.problems).toEqual([]);
    expect(d.untouched.length).toBeGreaterThan(3);
  });
});

test("a zip without its central directory, or with a damaged one, is refused as damaged", async () => {
  const bytes = await fs.readFile(PENGUKURAN);
  expect(() => readDirectory(bytes.subarray(0, bytes.length - 30))).toThrow(ZipLimitError);
  const broken = Buffer.from(bytes);
  const eocd = broken.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  broken.writeUInt32LE(broken.length - 100, eocd + 16); // the directory's offset points into the data
  expect(() => readDirectory(broken)).toThrow(/damaged zip central directory/);
});
