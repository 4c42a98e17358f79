// How keys leave the database for the dashboard: never with their hash, always with derived status.
import { rateLimitOf } from "@/lib/rate-limit/rate-limit";
import type { Prisma } from "@/prisma/generated/sqlite/client";
import { maskedKey } from "./key-format";
import { keyStatus } from "./status";

export const KEY_SELECT = {
  id: true,
  workspaceId: true,
  name: true,
  description: true,
  prefix: true,
  last4: true,
  scopes: true,
  ipAllowList: true,
  rateLimitRequests: true,
  rateLimitPeriod: true,
  expirationPolicy: true,
  createdById: true,
  createdByLabel: true,
  createdAt: true,
  expiresAt: true,
  revokedAt: true,
  revokedByLabel: true,
  revokeReason: true,
  rotatedFromId: true,
  lastUsedAt: true,
  lastUsedIp: true,
  rotatedFrom: { select: { id: true, name: true, prefix: true, last4: true } },
  rotatedTo: { select: { id: true, name: true, prefix: true, last4: true } },
} satisfies Prisma.ApiKeySelect;

type KeyRow = Prisma.ApiKeyGetPayload<{ select: typeof KEY_SELECT }>;

export function toKeyView(row: KeyRow, now = new Date()) {
  const scopes = JSON.parse(row.scopes) as string[];
  return {
    ...row,
    scopes,
    ipAllowList: JSON.parse(row.ipAllowList) as string[],
    rateLimit: rateLimitOf(row.rateLimitRequests, row.rateLimitPeriod),
    masked: maskedKey(row),
    status: keyStatus({ revokedAt: row.revokedAt, expiresAt: row.expiresAt, replacedById: row.rotatedTo?.id ?? null }, now),
  };
}
export type KeyView = ReturnType<typeof toKeyView>;

/** What an audit event may say about a key: identifying, never secret. */
export function auditTarget(key: { id: string; name: string }) {
  return { type: "api_key", id: key.id, label: key.name };
}
