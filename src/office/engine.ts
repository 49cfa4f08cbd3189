/**
 * The engine as the session calls it: asynchronously, so that in the pane it runs in a Web
 * Worker (src/taskpane/engine-worker.ts) and a 50,000-row check (about 4 s of work) never
 * blocks the pane's UI thread — Excel desktop restarts an add-in whose thread blocks for
 * about 5 s. The ribbon's command and the tests use the same engine in-process
 * (`localEngine`). Everything that crosses to the worker is structured-cloneable data:
 * snapshots, evaluations, findings.
 *
 * One request evaluates a sheet and runs the rules on it (or re-evaluates the changed rows
 * of an evaluation), so a sheet costs one message each way.
 */
import { evaluateSheet, type EvaluationSettings, type SheetEvaluation } from "../engine/evaluate";
import { reevaluate, type CellChange } from "../engine/incremental";
import { findingJson, type Finding } from "../engine/report";
import { runRules, type Severity } from "../engine/rules";
import type { SheetSnapshot } from "../engine/snapshot";

export interface RuleOptions {
  rules: Record<string, Severity | "off">;
  ignored: readonly string[];
  lang: "id" | "en";
}

export interface Checked {
  evaluation: SheetEvaluation;
  findings: Finding[];
}

export interface Engine {
  /** Evaluates a sheet; with `rules`, runs the rules on it too. */
  check(sheet: SheetSnapshot, settings: EvaluationSettings, rules: RuleOptions | null): Promise<Checked>;
  /** Re-evaluates the rows these cell changes touch. */
  recheck(before: SheetEvaluation, changes: readonly CellChange[], settings: EvaluationSettings, rules: RuleOptions | null): Promise<Checked>;
  /** The rules on an evaluation (after an override or a setting changed nothing else). */
  findings(evaluation: SheetEvaluation, rules: RuleOptions): Promise<Finding[]>;
}

function findingsOf(evaluation: SheetEvaluation, r: RuleOptions): Finding[] {
  return runRules(evaluation, { rules: r.rules, ignored: [...r.ignored] }).map((f) => findingJson(f, r.lang));
}

/** The engine on the calling thread. */
export const localEngine: Engine = {
  async check(sheet, settings, rules) {
    const evaluation = evaluateSheet(sheet, settings);
    return { evaluation, findings: rules ? findingsOf(evaluation, rules) : [] };
  },
  async recheck(before, changes, settings, rules) {
    const evaluation = reevaluate(before, [...changes], settings).evaluation;
    return { evaluation, findings: rules ? findingsOf(evaluation, rules) : [] };
  },
  async findings(evaluation, rules) {
    return findingsOf(evaluation, rules);
  },
};

// --- Over a message port (the worker) ----------------------------------------------------------

export type EngineRequest =
  | { id: number; op: "check"; sheet: SheetSnapshot; settings: EvaluationSettings; rules: RuleOptions | null }
  | { id: number; op: "recheck"; before: SheetEvaluation; changes: readonly CellChange[]; settings: EvaluationSettings; rules: RuleOptions | null }
  | { id: number; op: "findings"; evaluation: SheetEvaluation; rules: RuleOptions };

export type EngineResponse = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: { name: string; message: string; stack?: string } };

/** What a Worker or a MessagePort offers: enough for both ends. */
export interface Port {
  postMessage(message: unknown): void;
  addEventListener(type: "message", listener: (e: { data: unknown }) => void): void;
  /** A Worker that failed to load or threw outside a request. */
  addEventListener(type: "error", listener: (e: { message?: string }) => void): void;
  /** A MessagePort delivers to addEventListener listeners only once started (a Worker needs none). */
  start?(): void;
}

/** The worker's side: answers each request with the local engine (errors go back as errors). */
export function serveEngine(port: Port): void {
  port.addEventListener("message", (e) => {
    const r = e.data as EngineRequest;
    const run = (): Promise<unknown> => {
      switch (r.op) {
        case "check":
          return localEngine.check(r.sheet, r.settings, r.rules);
        case "recheck":
          return localEngine.recheck(r.before, r.changes, r.settings, r.rules);
        case "findings":
          return localEngine.findings(r.evaluation, r.rules);
      }
    };
    run().then(
      (value) => port.postMessage({ id: r.id, ok: true, value } satisfies EngineResponse),
      (err: unknown) => {
        const e2 = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ id: r.id, ok: false, error: { name: e2.name, message: e2.message, stack: e2.stack } } satisfies EngineResponse);
      },
    );
  });
  port.start?.();
}

type RequestBody = EngineRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

/** The session's side: an Engine whose work is done at the other end of `port`. */
export function engineOverPort(port: Port): Engine {
  let next = 1;
  let broken: Error | null = null;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  // A worker that cannot run answers nothing: fail what waits, and every later request, so a
  // check reports the failure instead of waiting for ever.
  port.addEventListener("error", (e) => {
    broken = new Error(`the engine worker failed: ${e.message ?? "unknown error"}`);
    for (const w of waiting.values()) w.reject(broken);
    waiting.clear();
  });
  port.addEventListener("message", (e) => {
    const r = e.data as EngineResponse;
    const w = waiting.get(r.id);
    if (!w) return;
    waiting.delete(r.id);
    if (r.ok) w.resolve(r.value);
    else w.reject(Object.assign(new Error(r.error.message), { name: r.error.name, stack: r.error.stack }));
  });
  port.start?.();
  const ask = <T>(request: RequestBody): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (broken) {
        reject(broken);
        return;
      }
      const id = next++;
      waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      port.postMessage({ ...request, id });
    });
  return {
    check: (sheet, settings, rules) => ask<Checked>({ op: "check", sheet, settings, rules }),
    recheck: (before, changes, settings, rules) => ask<Checked>({ op: "recheck", before, changes, settings, rules }),
    findings: (evaluation, rules) => ask<Finding[]>({ op: "findings", evaluation, rules }),
  };
}
