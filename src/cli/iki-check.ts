#!/usr/bin/env node
/** Entry point of the `iki-check` command. */
import { once } from "events";
import { run } from "./run";

// The package version, read at run time so the built file needs no JSON import.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { version } = require("../../../package.json") as { version: string };

/** Writes to stdout, waiting when its buffer is full (a pipe to a slow reader). */
async function out(text: string): Promise<void> {
  if (!process.stdout.write(text)) await once(process.stdout, "drain");
}

run(process.argv.slice(2), { out, err: (t) => process.stderr.write(t + "\n") }, version)
  .then((code) => {
    process.exitCode = code;
  })
  .catch((e: unknown) => {
    process.stderr.write(`iki-check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 2;
  });
