// Invitation forms. Apart from lib/validation/members.ts, which client components import: these pull in
// the common-password list, which stays on the server.
import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";
import { personNameSchema } from "./accounts";
import { idSchema } from "./members";
import { newPasswordSchema } from "./password";
import { emailSchema } from "./sign-in";

export const createInvitationSchema = z.object({
  email: emailSchema,
  role: z.enum(ROLES, { error: "Choose Owner, Admin or Support." }),
});

export const revokeInvitationSchema = z.object({ invitationId: idSchema });

// The token is checked against the database (hashed); here only its size is bounded.
const invitationTokenSchema = z.string().max(128, "This invitation link cannot be used.");

export const acceptInvitationSchema = z.object({ token: invitationTokenSchema });

export const acceptInvitationAsNewUserSchema = z.object({
  token: invitationTokenSchema,
  name: personNameSchema,
  password: newPasswordSchema,
});
