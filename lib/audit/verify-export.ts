// Verifies an exported audit log offline (`npm run audit:verify -- --file`): JSON Lines, one AuditEvent
// row per line (any order), then one final {"checkpoint": ...} line; the format is docs/audit-export.md.
// The same walk as the database's (lib/audit/verify.ts), held against the exported checkpoint instead of
// a head row: with the audit key (the operator) every link is recomputed; with only the checkpoint
// key's public half (an auditor, `--public-key`) the content digest signed in the checkpoint is.
// A file that ends without its checkpoint line was cut short: "truncated". A filtered export (its
// checkpoint line names the filters) is "not verified": only an export of every event can be.
import fs from "node:fs";
import readline from "node:readline";
import { z } from "zod";
import type { AuditKeys } from "./audit-keys";
import { type CheckpointVerifier, checkpointSchema } from "./checkpoints";
import { EMPTY_DIGEST } from "./content-digest";
import { type ChainRow, type ChainVerification, verifyChain } from "./verify";

const rowSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  seq: z.number().int().positive(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  targetLabel: z.string().nullable(),
  metadata: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  createdAt: z.iso.datetime().transform((text) => new Date(text)),
  prevHash: z.string(),
  hash: z.string(),
  linkAlgorithm: z.string(),
});
// `filters`: the export's filters, when any applied (lib/audit/export.ts). Unsigned, and need not be:
// it can only turn an answer into "not verified".
const trailerSchema = z.object({ checkpoint: checkpointSchema.nullable(), filters: z.record(z.string(), z.string()).optional() }).strict();

/** The file is not an export in the documented format: a usage error, not a broken chain. */
export class ExportFormatError extends Error {}

/** What the file is verified with: the audit key(s), or null for the checkpoint key's public half alone. */
export type ExportVerifier = { keys: AuditKeys | null; signer: CheckpointVerifier };

export async function verifyExportFile(file: string, { keys, signer }: ExportVerifier): Promise<ChainVerification> {
  const { rows, trailer } = await readExport(file);
  if (trailer?.filters && Object.keys(trailer.filters).length) return filtered(trailer.filters);
  const workspaceIds = new Set(rows.map((row) => row.workspaceId));
  if (workspaceIds.size > 1) throw new ExportFormatError("the events are from more than one workspace");
  const workspaceId = rows[0]?.workspaceId ?? trailer?.checkpoint?.workspaceId ?? "";
  rows.sort((a, b) => a.seq - b.seq);
  const first = rows[0];
  const seqByLink = new Map(rows.map((row) => [row.hash, row.seq]));
  async function* inOrder() {
    yield* rows;
  }
  const result = await verifyChain({
    workspaceId,
    events: inOrder(),
    // With the audit key an export may start anywhere in the chain: its first event is taken at its word
    // about its predecessor's link, and everything after must follow from it. Without it the content
    // digest is the only check, and it runs from event 1.
    from:
      keys && first
        ? { seq: first.seq - 1, link: first.prevHash, digest: first.seq === 1 ? EMPTY_DIGEST : null }
        : { seq: 0, link: "", digest: EMPTY_DIGEST },
    checkpoints: trailer?.checkpoint ? [trailer.checkpoint] : [],
    head: null,
    keys,
    signer,
    seqOfLink: async (link) => seqByLink.get(link) ?? (first && link === first.prevHash ? first.seq - 1 : null),
  });
  if (trailer || (!result.ok && result.kind !== "unsealed")) return result;
  const lastSeq = rows.at(-1)?.seq ?? 0;
  return {
    ok: false,
    brokenAtSeq: lastSeq + 1,
    kind: "truncated",
    checkpointSeq: null,
    detail: `the file ends after event ${lastSeq} without its checkpoint line: it was cut short`,
  };
}

/**
 * A filtered export leaves out the events that did not match, and a chain verifies only whole: from event
 * 1 (the content digest) or at least without gaps (the links). Said as such, not as events "missing".
 */
function filtered(filters: Record<string, string>): ChainVerification {
  const applied = Object.entries(filters)
    .map(([name, value]) => `${name}=${value}`)
    .join(", ");
  return {
    ok: false,
    brokenAtSeq: 1,
    kind: "filtered",
    checkpointSeq: null,
    detail: `the export was filtered (${applied}), so it leaves events out and cannot be verified: export the audit log in JSON Lines with no filters to verify it`,
  };
}

/**
 * The event rows and the checkpoint line; the trailer is null when the file ends without one (cut
 * short, possibly mid-line: an unreadable last line is taken for that, anywhere else it is an error).
 */
async function readExport(file: string): Promise<{ rows: ChainRow[]; trailer: z.infer<typeof trailerSchema> | null }> {
  const rows: ChainRow[] = [];
  let trailer: z.infer<typeof trailerSchema> | null = null;
  let unreadableLine: number | null = null;
  let lineNumber = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    if (unreadableLine !== null) throw new ExportFormatError(`line ${unreadableLine} is not JSON`);
    if (trailer) throw new ExportFormatError(`line ${lineNumber}: nothing may follow the checkpoint line`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      unreadableLine = lineNumber;
      continue;
    }
    const asTrailer = trailerSchema.safeParse(value);
    if (asTrailer.success) {
      trailer = asTrailer.data;
      continue;
    }
    const row = rowSchema.safeParse(value);
    if (!row.success)
      throw new ExportFormatError(`line ${lineNumber} is neither an audit event nor the checkpoint line: ${z.prettifyError(row.error)}`);
    rows.push(row.data);
  }
  if (!rows.length && !trailer) throw new ExportFormatError("the file holds no audit events and no checkpoint line");
  return { rows, trailer };
}
