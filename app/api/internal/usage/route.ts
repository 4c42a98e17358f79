// Requests over time, by resource and by key, for the usage charts (refreshed by React Query).
import { usageReadRoute } from "@/lib/usage/internal-route";
import { usageSummary } from "@/lib/usage/queries";

export const GET = usageReadRoute(usageSummary);
