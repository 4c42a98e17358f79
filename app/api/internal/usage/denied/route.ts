// Denied requests over the chosen period (?range=), by key and reason, across the workspace.
import { deniedRequests } from "@/lib/usage/denied-requests";
import { usageReadRoute } from "@/lib/usage/internal-route";

export const GET = usageReadRoute((workspaceId, { range }) => deniedRequests(workspaceId, range));
