import { z } from "zod";
import { idSchema } from "./members";
import { newPasswordSchema } from "./new-password";
import { signInSchema } from "./sign-in";

export const requestPasswordResetSchema = z.object({ email: signInSchema.shape.email });

export const resetPasswordSchema = z.object({
  token: z.string().max(128),
  password: newPasswordSchema,
});

export const createResetLinkSchema = z.object({ membershipId: idSchema });
