// The recent requests table, a page at a time, newest first.
import { usageReadRoute } from "@/lib/usage/internal-route";
import { recentRequests } from "@/lib/usage/queries";

export const GET = usageReadRoute((workspaceId, query) => recentRequests(workspaceId, query));
