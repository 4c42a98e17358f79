// A download streamed to the response: the body is pulled one chunk at a time, so an export of a
// million rows holds one database batch in memory, and a client that stops reading stops the queries.
import type { ExportFormat } from "@/lib/validation/export";

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  jsonl: "application/x-ndjson; charset=utf-8",
};

/**
 * "audit-acme-action-key.created-from-2026-12-01T00-00.csv": what was exported and with which
 * filters, in characters every file system and the Content-Disposition header accept.
 */
export function exportFileName(what: string, filters: Record<string, string | Date | undefined>, format: ExportFormat): string {
  const parts = [what];
  for (const [name, value] of Object.entries(filters)) {
    if (!value) continue;
    const text = value instanceof Date ? value.toISOString().slice(0, 16) : value;
    parts.push(name, text);
  }
  const base = parts
    .join("-")
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-+/g, "-")
    .slice(0, 180);
  return `${base}.${format}`;
}

export function downloadResponse(chunks: AsyncIterable<string>, format: ExportFormat, fileName: string): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, {
    headers: {
      "content-type": CONTENT_TYPES[format],
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
