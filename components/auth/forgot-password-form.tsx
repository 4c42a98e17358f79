"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { type RequestPasswordResetState, requestPasswordResetAction } from "@/lib/actions/request-password-reset";
import { RESET_SENT_MESSAGE } from "@/lib/auth/reset-messages";

export function ForgotPasswordForm() {
  const [state, formAction, pending] = useActionState<RequestPasswordResetState, FormData>(requestPasswordResetAction, {});
  if (state.sent) {
    return (
      <Card className="p-6">
        <p role="status" className="text-sm">
          {RESET_SENT_MESSAGE}
        </p>
      </Card>
    );
  }
  return (
    <Card className="p-6">
      <form action={formAction} noValidate className="space-y-4">
        <FormError message={state.formError} boxed />
        <Field label="Email" errors={state.fieldErrors?.email}>
          <Input name="email" type="email" autoComplete="username" defaultValue={state.email} required maxLength={254} />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Sending…" : "Send reset link"}
        </Button>
      </form>
    </Card>
  );
}
