// Hands usage batches to the usage worker thread and resolves when they are written (or rejects with
// the worker's error, so the recorder keeps them for a retry). Used when the built worker sits next to
// the server bundle (production: dist/usage-writer-worker.mjs); otherwise the writes stay in-thread.
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PruneBefore } from "./retention";
import type { KeyTouch, UsageEvent, UsageWriter } from "./rows";

type Payload =
  | { kind: "insert"; events: UsageEvent[] }
  | { kind: "touch"; touches: KeyTouch[] }
  | { kind: "prune"; before: PruneBefore }
  | { kind: "close" };
export type WriterRequest = Payload & { id: number };
export type WriterReply = { id: number; ok: true; deleted?: number } | { id: number; ok: false; message: string };

// Relative to the bundle this module is built into (dist/server.mjs).
const WORKER_FILE = fileURLToPath(new URL("./usage-writer-worker.mjs", import.meta.url));

export function usageWorkerBuilt(): boolean {
  return fs.existsSync(WORKER_FILE);
}

type Pending = { resolve: (reply: WriterReply & { ok: true }) => void; reject: (error: Error) => void };

export function workerWriter(file: string, workerFile = WORKER_FILE): UsageWriter {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  // A worker that died takes its pending writes with it (rejected, so they are retried); the next
  // write starts a new one.
  const fail = (error: Error) => {
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    worker = null;
  };
  const start = () => {
    const started = new Worker(workerFile, { workerData: { file } });
    started.on("message", (reply: WriterReply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) waiting?.resolve(reply);
      else waiting?.reject(new Error(reply.message));
    });
    started.on("error", fail);
    started.on("exit", (code) => {
      if (worker === started) fail(new Error(`the usage worker stopped (exit code ${code})`));
    });
    return started;
  };
  const send = (payload: Payload) =>
    new Promise<WriterReply & { ok: true }>((resolve, reject) => {
      worker ??= start();
      const id = ++nextId;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, ...payload } as WriterRequest);
    });

  return {
    insert: async (events) => void (await send({ kind: "insert", events })),
    touchKeys: async (touches) => void (await send({ kind: "touch", touches })),
    prune: async (before) => (await send({ kind: "prune", before })).deleted ?? 0,
    async close() {
      if (!worker) return;
      const closing = worker;
      await send({ kind: "close" });
      worker = null;
      await closing.terminate();
    },
  };
}
