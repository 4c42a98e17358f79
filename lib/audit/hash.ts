// hash = sha256(prevHash || canonical event). The fields hashed are every column that says what
// happened, so an edit to any of them, a deletion or a reordering breaks the chain.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical";

export type ChainedFields = {
  workspaceId: string;
  seq: number;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  targetLabel: string | null;
  metadata: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: Date;
};

export function chainHash(prevHash: string, event: ChainedFields): string {
  return createHash("sha256")
    .update(prevHash)
    .update(canonicalJson({ ...event, createdAt: event.createdAt.toISOString() }))
    .digest("hex");
}
