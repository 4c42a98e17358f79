// Input of the access request form (/request/<slug>, anyone may send it) and of the review actions.
// Shared by the public form, its route handler and the actions. Every field is plain text with a
// length limit: the requester's words are stored as typed and only ever rendered escaped.

import { findResource, perCatalog } from "@/lib/scopes/catalog";
import { createKeySchema, expirationSchema, scopesSchema } from "./keys";
import { idSchema } from "./members";
import { emailSchema } from "./sign-in";
import { multiLineText, singleLineText } from "./text";
import { z } from "./zod";

export const REQUESTER_NAME_MAX = 100;
export const COMPANY_MAX = 100;
export const PURPOSE_MAX = 2000;
export const REASON_MAX = 300;
export const DECLINE_MESSAGE_MAX = 1000;
/** The whole form as posted: anything larger is refused (413) before it is parsed. */
export const REQUEST_BODY_MAX_BYTES = 64 * 1024;

export const ACCESS_REQUEST_STATUSES = ["pending", "approved", "declined"] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** Reasons per resource id: only resources of the catalog, each at most REASON_MAX characters, empty ones dropped. */
const reasonsSchema = perCatalog((catalog) =>
  z
    .record(z.string().max(64), multiLineText("Reason", REASON_MAX), { error: "Reasons must be text." })
    .superRefine((reasons, ctx) => {
      if (Object.keys(reasons).length > 200) ctx.addIssue({ code: "custom", message: "Too many reasons." });
      for (const resource of Object.keys(reasons))
        if (!findResource(catalog, resource))
          ctx.addIssue({ code: "custom", message: `"${resource.slice(0, 64)}" is not a resource of this API.` });
    })
    .transform((reasons) => Object.fromEntries(Object.entries(reasons).filter(([, reason]) => reason !== ""))),
);

export const accessRequestSchema = perCatalog((catalog) =>
  z
    .object({
      requesterName: singleLineText("Name", REQUESTER_NAME_MAX),
      company: singleLineText("Company", COMPANY_MAX),
      email: emailSchema,
      purpose: multiLineText("What the integration will do", PURPOSE_MAX).pipe(z.string().min(1, "Say what the integration will do.")),
      scopes: scopesSchema(catalog),
      reasons: reasonsSchema(catalog).optional().default({}),
    })
    .and(expirationSchema),
);
export type AccessRequestInput = z.output<ReturnType<typeof accessRequestSchema>>;
export type AccessRequestField = "requesterName" | "company" | "email" | "purpose" | "scopes" | "expiration" | "expiresOn";

/** Approving: the key as the reviewer finally set it in the key form, for this request. */
export const approveAccessRequestSchema = perCatalog((catalog) => z.object({ requestId: idSchema }).and(createKeySchema(catalog)));

export const declineAccessRequestSchema = z.object({
  requestId: idSchema,
  message: multiLineText("Message", DECLINE_MESSAGE_MAX).optional().default(""),
});

export const requestListFilterSchema = z.object({
  status: z.enum(["all", ...ACCESS_REQUEST_STATUSES]).catch("pending"),
});
