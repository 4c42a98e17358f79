// Access requests for tests, received as the public form would deliver them.
import { receiveAccessRequest } from "@/lib/access-requests/receive";
import { db } from "@/lib/db";
import type { AccessRequestInput } from "@/lib/validation/access-requests";

export function accessRequestInput(overrides: Partial<AccessRequestInput> = {}): AccessRequestInput {
  return {
    requesterName: "Rita Requester",
    company: "Partner Co",
    email: "rita@partner.example",
    purpose: "Sync contacts nightly",
    scopes: ["profiles:read", "lists:write"],
    reasons: { lists: "we add subscribers" },
    expiration: "90",
    ...overrides,
  };
}

/** Turns requests on for the workspace and receives one; returns its id. */
export async function pendingAccessRequest(workspaceId: string, overrides: Partial<AccessRequestInput> = {}) {
  const workspace = await db.workspace.update({
    where: { id: workspaceId },
    data: { accessRequestsEnabled: true },
    select: { slug: true },
  });
  const { id } = await receiveAccessRequest(workspace.slug, accessRequestInput(overrides), { ip: "198.51.100.7", userAgent: "vitest" });
  return id;
}
