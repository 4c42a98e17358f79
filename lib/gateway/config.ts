// Gateway mode's settings, read once from the environment. Unset UPSTREAM_URL means no gateway (the
// API serves its built-in record store); anything set but wrong stops the start (server.ts) with a
// message naming the variable, rather than forwarding somewhere unintended or unsigned.
import { z } from "zod";

export type GatewayConfig = {
  /** The upstream's origin (scheme, host, port), without a path. */
  origin: URL;
  /** Put before the caller's path below /api/v1: "" or "/v2" (no trailing slash). */
  pathPrefix: string;
  timeoutMs: number;
  /** The current secret first; the previous one too while it rotates (each forwarded request carries both signatures). */
  secrets: readonly string[];
};

export const DEFAULT_UPSTREAM_TIMEOUT_MS = 30_000;
export const MIN_SECRET_LENGTH = 32;

const upstreamUrl = z
  .string()
  .trim()
  .transform((value, context) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      context.addIssue({ code: "custom", message: "UPSTREAM_URL is not a URL." });
      return z.NEVER;
    }
    const faults = (
      [
        [url.protocol !== "http:" && url.protocol !== "https:", "UPSTREAM_URL must be http or https."],
        // Credentials would be sent to the upstream on every request and logged wherever the URL is.
        [url.username !== "" || url.password !== "", "UPSTREAM_URL must not hold a user name or password."],
        [url.search !== "" || url.hash !== "" || /[?#]/.test(value), "UPSTREAM_URL must not have a query or fragment."],
        // One place says where the path goes: UPSTREAM_PATH_PREFIX. A path here would be ignored or doubled.
        [url.pathname !== "/", "UPSTREAM_URL must be an origin only; put the path in UPSTREAM_PATH_PREFIX."],
      ] as const
    ).flatMap(([fault, message]) => (fault ? [message] : []));
    for (const message of faults) context.addIssue({ code: "custom", message });
    return faults.length > 0 ? z.NEVER : new URL(url.origin);
  });

// Segments of unreserved characters only: nothing that the upstream would decode into another path.
const pathPrefix = z
  .string()
  .regex(/^(\/[A-Za-z0-9._~-]+)*$/, "UPSTREAM_PATH_PREFIX must be empty or /segment/... without a trailing slash.")
  .refine(
    (value) => !value.split("/").some((segment) => segment === "." || segment === ".."),
    "UPSTREAM_PATH_PREFIX must not hold . or .. segments.",
  );

const timeout = z
  .string()
  .regex(/^[1-9][0-9]{0,6}$/, "UPSTREAM_TIMEOUT_MS must be a whole number of milliseconds from 1 to 9999999.")
  .transform(Number);

const secret = (name: string) =>
  z.string().min(MIN_SECRET_LENGTH, `${name} must be at least ${MIN_SECRET_LENGTH} characters (openssl rand -hex 32).`);

const schema = z.object({
  UPSTREAM_URL: upstreamUrl,
  UPSTREAM_PATH_PREFIX: pathPrefix.default(""),
  UPSTREAM_TIMEOUT_MS: timeout.default(DEFAULT_UPSTREAM_TIMEOUT_MS),
  UPSTREAM_SECRET: secret("UPSTREAM_SECRET"),
  UPSTREAM_SECRET_PREVIOUS: secret("UPSTREAM_SECRET_PREVIOUS").optional(),
});

export class GatewayConfigError extends Error {}

/** The gateway's settings, null when UPSTREAM_URL is unset; throws GatewayConfigError naming every fault. */
export function readGatewayConfig(env: Record<string, string | undefined>): GatewayConfig | null {
  const blank = (value: string | undefined) => (value === undefined || value.trim() === "" ? undefined : value);
  if (!blank(env.UPSTREAM_URL)) {
    const stray = ["UPSTREAM_PATH_PREFIX", "UPSTREAM_TIMEOUT_MS", "UPSTREAM_SECRET", "UPSTREAM_SECRET_PREVIOUS"].filter((name) =>
      blank(env[name]),
    );
    // Settings for a gateway that is off are a mistake worth stopping for: the operator meant to turn it on.
    if (stray.length > 0)
      throw new GatewayConfigError(`${stray.join(", ")} set without UPSTREAM_URL: set UPSTREAM_URL too, or unset them.`);
    return null;
  }
  const parsed = schema.safeParse({
    UPSTREAM_URL: env.UPSTREAM_URL,
    UPSTREAM_PATH_PREFIX: blank(env.UPSTREAM_PATH_PREFIX),
    UPSTREAM_TIMEOUT_MS: blank(env.UPSTREAM_TIMEOUT_MS),
    UPSTREAM_SECRET: env.UPSTREAM_SECRET ?? "",
    UPSTREAM_SECRET_PREVIOUS: blank(env.UPSTREAM_SECRET_PREVIOUS),
  });
  if (!parsed.success) throw new GatewayConfigError(parsed.error.issues.map((issue) => issue.message).join(" "));
  const { UPSTREAM_URL, UPSTREAM_PATH_PREFIX, UPSTREAM_TIMEOUT_MS, UPSTREAM_SECRET, UPSTREAM_SECRET_PREVIOUS } = parsed.data;
  return {
    origin: UPSTREAM_URL,
    pathPrefix: UPSTREAM_PATH_PREFIX,
    timeoutMs: UPSTREAM_TIMEOUT_MS,
    secrets: UPSTREAM_SECRET_PREVIOUS ? [UPSTREAM_SECRET, UPSTREAM_SECRET_PREVIOUS] : [UPSTREAM_SECRET],
  };
}
