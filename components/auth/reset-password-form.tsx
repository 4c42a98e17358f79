"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { type ResetPasswordState, resetPasswordAction } from "@/lib/actions/reset-password";
import { NEW_PASSWORD_MIN } from "@/lib/validation/new-password";
import { UnusableResetLink } from "./unusable-reset-link";

export function ResetPasswordForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<ResetPasswordState, FormData>(resetPasswordAction, {});
  if (state.linkUnusable) return <UnusableResetLink />;
  return (
    <Card className="p-6">
      <form action={formAction} noValidate className="space-y-4">
        <input type="hidden" name="token" value={token} />
        <Field label="New password" errors={state.fieldErrors?.password} hint={`At least ${NEW_PASSWORD_MIN} characters.`}>
          <Input name="password" type="password" autoComplete="new-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Saving…" : "Reset password"}
        </Button>
      </form>
    </Card>
  );
}
