"use server";
import { headers } from "next/headers";
import { z } from "zod";
import { mailResetLink } from "@/lib/auth/password-reset";
import { trustedOriginForMail } from "@/lib/auth/public-origin";
import { clientIp } from "@/lib/auth/request-origin";
import { signInThrottle } from "@/lib/auth/sign-in-throttle";
import { mailConfigured } from "@/lib/mail/mailer";
import { requestPasswordResetSchema } from "@/lib/validation/password-reset";

export type RequestPasswordResetState = { fieldErrors?: { email?: string[] }; formError?: string; sent?: boolean; email?: string };

// A plain form action (works before hydration). The answer is the same whether the email has an
// account or not, and so is its timing: the lookup and the mail happen after the answer is sent.
export async function requestPasswordResetAction(
  _previous: RequestPasswordResetState,
  formData: FormData,
): Promise<RequestPasswordResetState> {
  const raw = formData.get("email");
  const email = typeof raw === "string" ? raw.slice(0, 254) : "";
  if (!mailConfigured()) return { email, formError: "Email is not set up here. Ask an Owner or Admin of your workspace for a reset link." };
  const parsed = requestPasswordResetSchema.safeParse({ email: raw });
  if (!parsed.success) return { email, fieldErrors: z.flattenError(parsed.error).fieldErrors };

  const requestHeaders = await headers();
  // Counted whether or not the email has an account, so being throttled tells nothing either.
  const { resetEmail, resetAddress } = signInThrottle;
  const counted = await Promise.all([
    resetEmail.consume(parsed.data.email),
    resetAddress.consume(clientIp(requestHeaders) ?? "unknown"),
  ]).then(
    () => true,
    () => false,
  );
  if (!counted) return { email, formError: "Too many reset requests. Wait 15 minutes, then try again." };

  const origin = trustedOriginForMail(requestHeaders);
  if (!origin) {
    console.error("[password-reset] not sent: set AUTH_URL, links in emails are never built from the request's Host header");
  } else {
    void mailResetLink(parsed.data.email, origin).catch((error: unknown) => {
      console.error(`[password-reset] sending failed: ${error instanceof Error ? error.message : String(error)}`);
    });
  }
  return { sent: true };
}
