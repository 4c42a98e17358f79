// Input of the key actions, validated against the scope catalog. Shared by the forms and the actions:
// the schemas that check scopes take the catalog (the server's loaded one, or the one a client
// component got from it).

import { isRateLimitPeriod, MAX_RATE_LIMIT_REQUESTS, type RateLimit } from "@/lib/rate-limit/rate-limit";
import { perCatalog } from "@/lib/scopes/catalog";
import { scopeProblems } from "@/lib/scopes/scopes";
import { idSchema } from "./members";
import { multiLineText, singleLineText } from "./text";
import { z } from "./zod";

export const KEY_NAME_MAX = 64;
export const KEY_DESCRIPTION_MAX = 500;
export const EXPIRATION_CHOICES = ["never", "30", "60", "90", "custom"] as const;
export type ExpirationChoice = (typeof EXPIRATION_CHOICES)[number];
export const EXPIRATION_LABELS: Record<ExpirationChoice, string> = {
  never: "Never",
  "30": "30 days",
  "60": "60 days",
  "90": "90 days",
  custom: "Custom date",
};
const DAY_MS = 24 * 60 * 60 * 1000;
export const MAX_CUSTOM_EXPIRY_DAYS = 365;
/** The IP allow-list as typed, one entry per line; lib/api-keys/ip-allow-list.ts parses it in the server. */
export const IP_ALLOW_LIST_MAX = 5000;
const ipAllowListText = z
  .string({ error: "IP allow-list must be text." })
  .max(IP_ALLOW_LIST_MAX, `IP allow-list has at most ${IP_ALLOW_LIST_MAX} characters.`);

/**
 * A key's rate limit, or null for none (lib/rate-limit/rate-limit.ts). Checked as one field, so each
 * problem is named under "rateLimit", where the form shows it.
 */
export const rateLimitSchema = z
  .object({ requests: z.unknown(), period: z.unknown() }, { error: "Choose no limit, or a number of requests per second or minute." })
  .nullable()
  .superRefine((limit, ctx) => {
    if (limit === null) return;
    const { requests, period } = limit;
    if (typeof requests !== "number" || !Number.isInteger(requests))
      ctx.addIssue({ code: "custom", message: "Enter the number of requests as a whole number." });
    else if (requests < 1) ctx.addIssue({ code: "custom", message: "A rate limit allows at least 1 request." });
    else if (requests > MAX_RATE_LIMIT_REQUESTS)
      ctx.addIssue({ code: "custom", message: `A rate limit allows at most ${MAX_RATE_LIMIT_REQUESTS.toLocaleString("en-US")} requests.` });
    if (!isRateLimitPeriod(period)) ctx.addIssue({ code: "custom", message: "Choose per second or per minute." });
  })
  .transform((limit) => limit as RateLimit | null);

export const scopesSchema = perCatalog((catalog) =>
  z
    .array(z.string().max(64, "A scope has at most 64 characters."), { error: "Choose what the key may access." })
    .max(200, "Too many scopes.")
    .superRefine((scopes, ctx) => {
      if (scopes.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one resource the key may access." });
      for (const { scope, problem } of scopeProblems(catalog, scopes))
        ctx.addIssue({ code: "custom", message: `"${scope.slice(0, 64)}" ${problem}.` });
    }),
);

/** Today's date in UTC as YYYY-MM-DD: custom expiry dates are whole UTC days. */
export function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A real day of the calendar as YYYY-MM-DD. Date.parse("2027-02-30") rolls over to March 2, so the
 * parts are checked against the date they make instead.
 */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The last day a key may be set to expire on, counted from `now`: the policy allows one year ahead. */
export function latestExpiryDate(now = new Date()): string {
  return utcDate(new Date(now.getTime() + MAX_CUSTOM_EXPIRY_DAYS * DAY_MS));
}

/** A custom expiry date ends with its day (UTC). */
export function endOfUtcDay(date: string): Date {
  return new Date(`${date}T23:59:59.999Z`);
}

export const expirationSchema = z
  .object({
    expiration: z.enum(EXPIRATION_CHOICES, { error: "Choose when the key expires." }),
    expiresOn: z.string().max(10).optional(),
  })
  .superRefine(({ expiration, expiresOn }, ctx) => {
    if (expiration !== "custom") return;
    if (!expiresOn) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Enter an expiry date." });
      return;
    }
    if (!isCalendarDate(expiresOn)) {
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Enter a date that exists, as YYYY-MM-DD." });
      return;
    }
    const today = utcDate(new Date());
    const latest = latestExpiryDate();
    if (expiresOn < today) ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "The expiry date cannot be in the past." });
    if (expiresOn > latest)
      ctx.addIssue({ code: "custom", path: ["expiresOn"], message: "Choose a date at most one year ahead, or Never." });
  });

/** When a key with this policy, created now, expires (null = never). */
export function expiryFor(policy: { expiration: ExpirationChoice; expiresOn?: string }, now = new Date()): Date | null {
  if (policy.expiration === "never") return null;
  if (policy.expiration === "custom") return endOfUtcDay(policy.expiresOn!);
  return new Date(now.getTime() + Number(policy.expiration) * DAY_MS);
}

export const createKeySchema = perCatalog((catalog) =>
  z
    .object({
      name: singleLineText("Name", KEY_NAME_MAX),
      description: multiLineText("Description", KEY_DESCRIPTION_MAX).optional().default(""),
      scopes: scopesSchema(catalog),
      ipAllowList: ipAllowListText.optional().default(""),
      // Left out: DEFAULT_KEY_RATE_LIMIT (lib/rate-limit/default-key-rate-limit.ts); null: no limit.
      rateLimit: rateLimitSchema.optional(),
    })
    .and(expirationSchema),
);
// The list may be left out by callers other than the form (seed, tests): no list, any address.
export type CreateKeyInput = Omit<z.output<ReturnType<typeof createKeySchema>>, "ipAllowList"> & { ipAllowList?: string };

export const updateKeySchema = perCatalog((catalog) =>
  z.object({
    keyId: idSchema,
    name: singleLineText("Name", KEY_NAME_MAX),
    description: multiLineText("Description", KEY_DESCRIPTION_MAX).optional().default(""),
    scopes: scopesSchema(catalog),
    // Left out: the list stays as it is.
    ipAllowList: ipAllowListText.optional(),
    // Left out: the limit stays as it is; null: no limit.
    rateLimit: rateLimitSchema.optional(),
  }),
);
export type UpdateKeyInput = z.output<ReturnType<typeof updateKeySchema>>;

/** Grace periods offered when rotating: how long the old key keeps working. */
export const ROTATION_GRACE = {
  immediately: { label: "Immediately", seconds: 0 },
  "1h": { label: "1 hour", seconds: 60 * 60 },
  "24h": { label: "24 hours", seconds: 24 * 60 * 60 },
  "7d": { label: "7 days", seconds: 7 * 24 * 60 * 60 },
} as const;
export type RotationGrace = keyof typeof ROTATION_GRACE;

export const rotateKeySchema = z.object({
  keyId: idSchema,
  grace: z.enum(Object.keys(ROTATION_GRACE) as [RotationGrace, ...RotationGrace[]], {
    error: "Choose how long the old key keeps working.",
  }),
});

export const revokeKeySchema = z.object({
  keyId: idSchema,
  reason: multiLineText("Reason", 500).optional().default(""),
});

// Whether a later date is within the policy depends on the key's current expiry (shortening is always
// allowed), so lib/api-keys/lifecycle.ts checks the one-year limit.
export const changeKeyExpirySchema = z.object({
  keyId: idSchema,
  expiresOn: z
    .string({ error: "Enter an expiry date." })
    .max(10, "Enter a date that exists, as YYYY-MM-DD.")
    .refine(isCalendarDate, "Enter a date that exists, as YYYY-MM-DD.")
    .refine((date) => date >= utcDate(new Date()), "The expiry date cannot be in the past."),
});
export type ChangeKeyExpiryInput = z.output<typeof changeKeyExpirySchema>;

export const deleteKeySchema = z.object({ keyId: idSchema });
