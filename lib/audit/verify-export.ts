// Verifies an exported audit log offline (`npm run audit:verify -- --file`): JSON Lines, one AuditEvent
// row per line (any order), then one final {"checkpoint": ...} line; the format is docs/audit-export.md.
// The same walk as the database's (lib/audit/verify.ts), started from the first exported event's own
// link, and held against the exported checkpoint instead of a head row.
import fs from "node:fs";
import readline from "node:readline";
import { z } from "zod";
import type { AuditKeys } from "./audit-keys";
import { checkpointSchema } from "./checkpoints";
import type { CheckpointSigner } from "./signing-key";
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
const trailerSchema = z.object({ checkpoint: checkpointSchema.nullable() }).strict();

/** The file is not an export in the documented format: a usage error, not a broken chain. */
export class ExportFormatError extends Error {}

export async function verifyExportFile(file: string, keys: AuditKeys, signer: CheckpointSigner): Promise<ChainVerification> {
  const rows: ChainRow[] = [];
  let trailer: z.infer<typeof trailerSchema> | null = null;
  let lineNumber = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    if (trailer) throw new ExportFormatError(`line ${lineNumber}: nothing may follow the checkpoint line`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new ExportFormatError(`line ${lineNumber} is not JSON`);
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
  if (!trailer) throw new ExportFormatError('the last line must be {"checkpoint": ...} (the latest signed checkpoint, or null)');
  const workspaceIds = new Set(rows.map((row) => row.workspaceId));
  if (workspaceIds.size > 1) throw new ExportFormatError("the events are from more than one workspace");
  const workspaceId = rows[0]?.workspaceId ?? trailer.checkpoint?.workspaceId ?? "";
  rows.sort((a, b) => a.seq - b.seq);
  const first = rows[0];
  const seqByLink = new Map(rows.map((row) => [row.hash, row.seq]));
  async function* inOrder() {
    yield* rows;
  }
  return verifyChain({
    workspaceId,
    events: inOrder(),
    // An export may start anywhere in the chain: its first event is taken at its word about its
    // predecessor's link, and everything after must follow from it.
    from: first ? { seq: first.seq - 1, link: first.prevHash } : { seq: 0, link: "" },
    checkpoints: trailer.checkpoint ? [trailer.checkpoint] : [],
    head: null,
    keys,
    signer,
    seqOfLink: async (link) => seqByLink.get(link) ?? (first && link === first.prevHash ? first.seq - 1 : null),
  });
}
