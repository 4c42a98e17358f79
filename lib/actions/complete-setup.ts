"use server";
import { z } from "zod";
import { currentRequestOrigin } from "@/lib/auth/current";
import { signInNewAccount } from "@/lib/auth/sign-in-steps";
import { UserFacingError } from "@/lib/errors";
import { completeFirstRunSetup } from "@/lib/setup/first-run";
import { setupSchema } from "@/lib/validation/accounts";

export type SetupState = {
  fieldErrors?: Partial<Record<"setupCode" | "name" | "email" | "password" | "workspaceName", string[]>>;
  formError?: string;
  values?: { setupCode?: string; name?: string; email?: string; workspaceName?: string };
};

const echo = (value: unknown) => (typeof value === "string" ? value.slice(0, 254) : "");

// A plain form action (useActionState), like sign-in: it needs no session, only the code from the log.
export async function completeSetupAction(_previous: SetupState, formData: FormData): Promise<SetupState> {
  const raw = Object.fromEntries(["setupCode", "name", "email", "password", "workspaceName"].map((field) => [field, formData.get(field)]));
  // Given back so the form keeps them; never the password.
  const values = { setupCode: echo(raw.setupCode), name: echo(raw.name), email: echo(raw.email), workspaceName: echo(raw.workspaceName) };
  const parsed = setupSchema.safeParse(raw);
  if (!parsed.success) return { values, fieldErrors: z.flattenError(parsed.error).fieldErrors };
  let userId: string;
  try {
    ({
      user: { id: userId },
    } = await completeFirstRunSetup(parsed.data, await currentRequestOrigin()));
  } catch (error) {
    if (error instanceof UserFacingError) return { values, formError: error.message };
    throw error;
  }
  // Signed in as the new Owner, on the keys of the new workspace.
  return { values, ...(await signInNewAccount(userId, "/keys")) };
}
