// What POST /request/<slug>/send answers. In this order: the size (413, before anything is read into
// memory), the per-address limit (429, also for unknown workspaces, so probing slugs is limited too),
// the workspace (404, the same for an unknown one and one with requests off), the flood checks (the
// honeypot is answered as if sent, so a bot learns nothing; a missing, forged or stale page token or a
// form sent faster than anyone types is 422), the fields (422, naming each problem), the workspace's
// cap of open requests (429). Sent: 303 to the confirmation page, so a reload does not send again.

import { z } from "zod";
import type { RequestOrigin } from "@/lib/audit/types";
import { ACCESS_REQUEST_WINDOW_SECONDS, signInThrottle } from "@/lib/auth/sign-in-throttle";
import { NotFoundError } from "@/lib/errors";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";
import { accessRequestSchema, REQUEST_BODY_MAX_BYTES } from "@/lib/validation/access-requests";
import { HONEYPOT_FIELD_NAME } from "./field-names";
import { accessRequestFields } from "./form-data";
import { checkFormToken } from "./form-token";
import { plainPage } from "./plain-page";
import { receiveAccessRequest, requestableWorkspace, TooManyPendingRequestsError } from "./receive";

export const NOT_FOUND_PAGE = {
  title: "Page not found",
  paragraphs: ["Nothing lives at this address. The link may be mistyped, or what it pointed to was removed."],
  link: { href: "/", label: "Go to Keysmith" },
};

/** The body, or null once it exceeds the limit (declared or streamed): nothing larger is buffered. */
async function readLimited(request: Request): Promise<Buffer | null> {
  if (Number(request.headers.get("content-length") ?? 0) > REQUEST_BODY_MAX_BYTES) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.length;
    if (size > REQUEST_BODY_MAX_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

async function parseForm(request: Request, body: Buffer): Promise<FormData | null> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) return null;
  try {
    return await new Response(new Uint8Array(body), { headers: { "content-type": type } }).formData();
  } catch {
    return null;
  }
}

function tooMany(seconds: number): Response {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return plainPage(
    429,
    {
      title: "Too many requests",
      paragraphs: [`Too many requests from your address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`],
    },
    { "retry-after": String(Math.max(1, Math.ceil(seconds))) },
  );
}

function refused(slug: string, problems: string[]): Response {
  return plainPage(422, {
    title: "The request was not sent",
    paragraphs: ["Please correct the following and send it again:"],
    list: problems,
    link: { href: `/request/${encodeURIComponent(slug)}`, label: "Back to the request form" },
  });
}

export async function sendAccessRequest(request: Request, slug: string, origin: RequestOrigin): Promise<Response> {
  const body = await readLimited(request);
  if (!body)
    return plainPage(413, {
      title: "The request is too large",
      paragraphs: ["What you entered is longer than this form takes. Shorten the longest answers and send it again."],
      link: { href: `/request/${encodeURIComponent(slug)}`, label: "Back to the request form" },
    });

  const limited = await signInThrottle.accessRequestAddress.consume(origin.ip ?? "unknown").then(
    () => null,
    (refusal: { msBeforeNext?: number }) => refusal.msBeforeNext ?? ACCESS_REQUEST_WINDOW_SECONDS * 1000,
  );
  if (limited !== null) return tooMany(limited / 1000);

  if (!(await requestableWorkspace(slug))) return plainPage(404, NOT_FOUND_PAGE);

  const form = await parseForm(request, body);
  if (!form) return refused(slug, ["Send the form from the request page."]);
  const sentPage = new URL(`/request/${encodeURIComponent(slug)}/sent`, request.url);
  const sent = () => new Response(null, { status: 303, headers: { location: sentPage.pathname } });
  if (form.get(HONEYPOT_FIELD_NAME)) return sent();
  const token = checkFormToken(slug, form.get("token"));
  if (token === "too_fast")
    return refused(slug, ["That was sent faster than anyone can fill in the form. Wait a moment and send it again."]);
  if (token !== "ok") return refused(slug, ["This form has expired. Open the request page again and send it from there."]);

  const parsed = accessRequestSchema(loadedCatalog()).safeParse(accessRequestFields(form));
  if (!parsed.success) {
    const { formErrors, fieldErrors } = z.flattenError(parsed.error);
    return refused(slug, [...formErrors, ...Object.values(fieldErrors).flatMap((errors) => (errors as string[]).slice(0, 1))]);
  }
  try {
    await receiveAccessRequest(slug, parsed.data, origin);
  } catch (error) {
    if (error instanceof NotFoundError) return plainPage(404, NOT_FOUND_PAGE);
    if (error instanceof TooManyPendingRequestsError)
      return plainPage(429, { title: "Too many requests", paragraphs: [error.message] }, { "retry-after": "3600" });
    throw error;
  }
  return sent();
}
