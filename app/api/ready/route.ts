// Readiness of the Next.js side of the server (pages, actions), without touching the database.
// Also the baseline `npm run bench` compares the lean API path against.
export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } });
}
