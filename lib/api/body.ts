// Reads and validates a JSON:API request body: {"data": {"attributes": {...}}}.
import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { type ApiError, invalid, payloadTooLarge, unsupportedMediaType } from "./errors";
import { jsonLimitExceeded } from "./json-limits";

export const MAX_BODY_BYTES = 64 * 1024;

export type BodyResult = { ok: true; attributes: Record<string, unknown> } | { ok: false; error: ApiError };

const bodySchema = z.object({
  data: z.object(
    {
      type: z.string().optional(),
      id: z.never({ error: "Leave out the id: the server assigns it." }).optional(),
      attributes: z.record(z.string().max(128, "Attribute names have at most 128 characters."), z.unknown(), {
        error: "Send the record's attributes as an object.",
      }),
    },
    { error: 'Send the record as {"data": {"attributes": {...}}}.' },
  ),
});

/** The body's bytes, read no further than `maxBytes` (the verify endpoint has a smaller limit). */
export async function readRaw(req: IncomingMessage, maxBytes = MAX_BODY_BYTES): Promise<Buffer | "too_large"> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes) return "too_large";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return "too_large";
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readRecordBody(req: IncomingMessage, resource: string): Promise<BodyResult> {
  const type = req.headers["content-type"] ?? "";
  if (!/^application\/(vnd\.api\+)?json\b/i.test(type)) {
    req.resume();
    return {
      ok: false,
      error: unsupportedMediaType,
    };
  }
  const raw = await readRaw(req);
  if (raw === "too_large") {
    req.resume();
    return {
      ok: false,
      error: payloadTooLarge(MAX_BODY_BYTES),
    };
  }
  const text = raw.toString("utf8");
  const overLimit = jsonLimitExceeded(text);
  if (overLimit) return { ok: false, error: invalid(overLimit, "") };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // A SyntaxError, or a RangeError should the parser itself run out of stack: bad input either way.
    return { ok: false, error: invalid("The body is not valid JSON.", "") };
  }
  const parsed = bodySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const pointer = `/${issue.path.map(String).join("/")}`;
    return { ok: false, error: invalid(`${pointer === "/" ? "body" : pointer}: ${issue.message}`, pointer) };
  }
  if (parsed.data.data.type !== undefined && parsed.data.data.type !== resource) {
    return { ok: false, error: invalid(`/data/type: must be "${resource}" on this endpoint.`, "/data/type") };
  }
  return { ok: true, attributes: parsed.data.data.attributes };
}
