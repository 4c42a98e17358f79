"use client";
import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { completeSetupAction, type SetupState } from "@/lib/actions/complete-setup";
import { NewPasswordField } from "./new-password-field";

export function SetupForm() {
  const [state, formAction, pending] = useActionState<SetupState, FormData>(completeSetupAction, {});
  const errors = state.fieldErrors ?? {};
  return (
    <Card className="p-6">
      <form action={formAction} noValidate className="space-y-4">
        <FormError message={state.formError} boxed />
        <Field label="Setup code" errors={errors.setupCode} hint='Printed in the server log at start, on the line "first-run setup".'>
          <Input
            name="setupCode"
            autoComplete="one-time-code"
            spellCheck={false}
            className="font-mono"
            defaultValue={state.values?.setupCode}
          />
        </Field>
        <Field label="Your name" errors={errors.name}>
          <Input name="name" autoComplete="name" defaultValue={state.values?.name} />
        </Field>
        <Field label="Email" errors={errors.email}>
          <Input name="email" type="email" autoComplete="username" defaultValue={state.values?.email} />
        </Field>
        <NewPasswordField errors={errors.password} />
        <Field label="Workspace name" errors={errors.workspaceName} hint="Your team or company. You can create more workspaces later.">
          <Input name="workspaceName" autoComplete="organization" defaultValue={state.values?.workspaceName} />
        </Field>
        <Button type="submit" className="w-full" disabled={pending}>
          {pending ? "Creating account…" : "Create account"}
        </Button>
      </form>
    </Card>
  );
}
