"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import { currentRequestOrigin } from "@/lib/auth/current";
import { resetPassword } from "@/lib/auth/password-reset";
import { resetPasswordSchema } from "@/lib/validation/password-reset";

export type ResetPasswordState = { fieldErrors?: { password?: string[] }; linkUnusable?: boolean };

export async function resetPasswordAction(_previous: ResetPasswordState, formData: FormData): Promise<ResetPasswordState> {
  const parsed = resetPasswordSchema.safeParse({ token: formData.get("token"), password: formData.get("password") });
  if (!parsed.success) {
    const { fieldErrors } = z.flattenError(parsed.error);
    return fieldErrors.token ? { linkUnusable: true } : { fieldErrors: { password: fieldErrors.password } };
  }
  if (!(await resetPassword(parsed.data.token, parsed.data.password, await currentRequestOrigin()))) return { linkUnusable: true };
  redirect("/login?reset=done");
}
