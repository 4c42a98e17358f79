// What the review pages read: a workspace's requests, pending first, and one request by id. Every
// query names the workspace, so another workspace's request answers as a missing one.
import { db } from "@/lib/db";
import type { AccessRequestStatus } from "@/lib/validation/access-requests";
import { ACCESS_REQUEST_SELECT, toAccessRequestView } from "./records";

const LIST_LIMIT = 200;

export function pendingRequestCount(workspaceId: string) {
  return db.accessRequest.count({ where: { workspaceId, status: "pending" } });
}

export async function listAccessRequests(workspaceId: string, status: AccessRequestStatus | "all") {
  const rows = await db.accessRequest.findMany({
    where: { workspaceId, ...(status === "all" ? {} : { status }) },
    select: ACCESS_REQUEST_SELECT,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });
  // Pending first (the ones waiting for someone), each group newest first.
  const views = rows.map(toAccessRequestView);
  return [...views.filter((r) => r.status === "pending"), ...views.filter((r) => r.status !== "pending")];
}

export async function getAccessRequest(workspaceId: string, requestId: string) {
  const row = await db.accessRequest.findFirst({ where: { id: requestId, workspaceId }, select: ACCESS_REQUEST_SELECT });
  return row ? toAccessRequestView(row) : null;
}
