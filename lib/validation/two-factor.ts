import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { z } from "zod";
import { idSchema } from "./members";
import { singleLineText } from "./text";

export const totpCodeSchema = z.object({
  code: z
    .string({ error: "Enter the 6-digit code from your app." })
    .trim()
    .regex(/^\d{6}$/, "Enter the 6-digit code from your app."),
});

export const disableTotpSchema = z.object({
  proof: z
    .string({ error: "Enter a code from your app or your password." })
    .min(1, "Enter a code from your app or your password.")
    .max(256, "That is too long for a code or a password."),
});

// The browser's answer is checked by SimpleWebAuthn; this only bounds its shape and size.
const base64url = z
  .string()
  .max(16_384)
  .regex(/^[A-Za-z0-9_-]*$/);
const registrationResponseShape = z.looseObject({
  id: base64url,
  rawId: base64url,
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: base64url, attestationObject: base64url }),
  clientExtensionResults: z.record(z.string(), z.unknown()),
});

export const passkeyRegistrationSchema = z.object({
  ceremonyId: idSchema,
  name: singleLineText("Passkey name", 60),
  response: z.custom<RegistrationResponseJSON>(
    (value) => registrationResponseShape.safeParse(value).success,
    "The passkey's answer is malformed.",
  ),
});

export const removePasskeySchema = z.object({ passkeyId: idSchema });
