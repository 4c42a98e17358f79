// The usage worker thread (bundled as dist/usage-writer-worker.mjs): runs the synchronous SQLite
// writes that would otherwise hold up API requests on the main thread for milliseconds per batch.
import { parentPort, workerData } from "node:worker_threads";
import { openSqliteWriter } from "./sqlite-writer";
import type { WriterReply, WriterRequest } from "./worker-writer";

const port = parentPort!;
const writer = openSqliteWriter((workerData as { file: string }).file);

port.on("message", (request: WriterRequest) => {
  let reply: WriterReply = { id: request.id, ok: true };
  try {
    if (request.kind === "insert") writer.insert(request.events);
    else if (request.kind === "touch") writer.touchKeys(request.touches);
    else if (request.kind === "prune") reply = { id: request.id, ok: true, deleted: writer.prune(request.before) };
    else writer.close();
  } catch (error) {
    reply = { id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
  if (request.kind === "close") port.close();
});
