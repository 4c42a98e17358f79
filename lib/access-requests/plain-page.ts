// The answers of the request form's route handler that are pages of their own (404, 413, 422, 429):
// plain HTML, every piece of text escaped, no script and no style, so they read the same with or
// without the app's JavaScript and cannot carry what a requester typed into markup.

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

export function plainPage(
  status: number,
  page: { title: string; paragraphs: string[]; list?: string[]; link?: { href: string; label: string } },
  headers: Record<string, string> = {},
): Response {
  const body = [
    "<!doctype html>",
    '<html lang="en">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)} · Keysmith</title></head>`,
    "<body><main>",
    `<h1>${escapeHtml(page.title)}</h1>`,
    ...page.paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`),
    page.list?.length ? `<ul>${page.list.map((item) => `<li>${escapeHtml(item)}</li>`).join("")}</ul>` : "",
    page.link ? `<p><a href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.label)}</a></p>` : "",
    "</main></body></html>",
  ].join("\n");
  return new Response(body, {
    status,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", ...headers },
  });
}
