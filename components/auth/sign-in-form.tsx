"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { type SignInState, signInAction } from "@/lib/actions/sign-in";
import { SecondFactorForm } from "./second-factor-form";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, formAction, pending] = useActionState<SignInState, FormData>(signInAction, {});
  if (state.secondFactor) return <SecondFactorForm methods={state.secondFactor} />;
  return (
    <Card className="p-6">
      <form action={formAction} noValidate className="space-y-4">
        {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
        <FormError message={state.formError} boxed />
        <Field label="Email" errors={state.fieldErrors?.email}>
          <Input name="email" type="email" autoComplete="username" defaultValue={state.email} required maxLength={254} />
        </Field>
        <Field label="Password" errors={state.fieldErrors?.password}>
          <Input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </Card>
  );
}
