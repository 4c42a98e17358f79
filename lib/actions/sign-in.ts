"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { signInSchema } from "@/lib/validation/sign-in";

export type SignInState = {
  fieldErrors?: { email?: string[]; password?: string[] };
  formError?: string;
  email?: string;
};

// A plain form action (progressively enhanced through useActionState): it works before hydration.
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const raw = { email: formData.get("email"), password: formData.get("password"), callbackUrl: formData.get("callbackUrl") ?? undefined };
  const email = typeof raw.email === "string" ? raw.email.slice(0, 254) : "";
  const parsed = signInSchema.safeParse(raw);
  if (!parsed.success) return { email, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirectTo: parsed.data.callbackUrl });
  } catch (error) {
    if (error instanceof CredentialsSignin && error.code === "throttled") {
      return { email, formError: "Too many failed attempts. Wait 15 minutes, then try again." };
    }
    if (error instanceof AuthError) return { email, formError: "Incorrect email or password." };
    throw error; // the redirect that completes a successful sign-in
  }
  return {};
}
