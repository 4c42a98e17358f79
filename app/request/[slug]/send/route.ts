import { sendAccessRequest } from "@/lib/access-requests/send-request";
import { requestOrigin } from "@/lib/auth/request-origin";

// Public: the request form posts here without an account (lib/access-requests/send-request.ts).
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  return sendAccessRequest(request, slug, requestOrigin(request.headers));
}
