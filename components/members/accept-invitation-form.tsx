"use client";
import { useAction } from "next-safe-action/hooks";
import { useActionState } from "react";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { type AcceptInvitationState, acceptInvitationAction, acceptInvitationAsNewUserAction } from "@/lib/actions/accept-invitation";

/** A new person: their name and a password make the account for the invited email. */
export function AcceptAsNewUserForm({ token, email }: { token: string; email: string }) {
  const [state, formAction, pending] = useActionState<AcceptInvitationState, FormData>(acceptInvitationAsNewUserAction, {});
  return (
    <form action={formAction} noValidate className="space-y-4">
      <input type="hidden" name="token" value={token} />
      <FormError message={state.formError ?? state.fieldErrors?.token?.[0]} boxed />
      <Field label="Email" hint="The address this invitation was made for.">
        <Input value={email} readOnly autoComplete="username" />
      </Field>
      <Field label="Name" errors={state.fieldErrors?.name}>
        <Input name="name" autoComplete="name" defaultValue={state.name} />
      </Field>
      <NewPasswordField errors={state.fieldErrors?.password} userInputs={[email]} />
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Joining…" : "Accept invitation"}
      </Button>
    </form>
  );
}

/** Someone already signed in as the invited email. */
export function AcceptAsUserButton({ token }: { token: string }) {
  const { execute, isPending, result } = useAction(acceptInvitationAction);
  return (
    <div className="space-y-3">
      <FormError message={result.serverError} boxed />
      <Button className="w-full" disabled={isPending} onClick={() => execute({ token })}>
        {isPending ? "Joining…" : "Accept invitation"}
      </Button>
    </div>
  );
}
