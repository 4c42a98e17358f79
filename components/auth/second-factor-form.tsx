"use client";
import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { type SecondFactorMethods, type SecondFactorState, verifySecondFactorAction } from "@/lib/actions/sign-in";
import { PasskeySignInButton } from "./passkey-sign-in-button";

const RESTART = "This sign-in has expired (you have 5 minutes after the password). Sign in again.";

/** After the password: a code from the authenticator app, a recovery code, or a passkey. */
export function SecondFactorForm({ methods }: { methods: SecondFactorMethods }) {
  const [state, formAction, pending] = useActionState<SecondFactorState, FormData>(verifySecondFactorAction, {});
  const [passkeyError, setPasskeyError] = useState<string>();
  // Without an app, a recovery code is what is left besides the passkey.
  const [kind, setKind] = useState<"totp" | "recovery">(methods.totp ? "totp" : "recovery");
  if (state.restart) {
    return (
      <Card className="space-y-3 p-6">
        <p role="alert" className="text-sm">
          {RESTART}
        </p>
        <a href="/login" className="text-sm text-accent underline-offset-2 hover:underline">
          Sign in again
        </a>
      </Card>
    );
  }
  const error = state.formError ?? passkeyError;
  return (
    <Card className="space-y-4 p-6">
      <h2 className="font-medium">Two-factor authentication</h2>
      <FormError message={error} boxed />
      {methods.passkey ? <PasskeySignInButton onError={setPasskeyError} /> : null}
      {/* A passkey-only account with every recovery code used has nothing to type here. */}
      {methods.totp || methods.recoveryCode ? (
        <form action={formAction} noValidate className="space-y-4" key={kind}>
          <input type="hidden" name="kind" value={kind} />
          {kind === "totp" ? (
            <Field
              label="Authentication code"
              errors={state.fieldErrors?.code}
              hint="The 6-digit code your authenticator app shows for Keysmith."
            >
              <Input name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required autoFocus={!methods.passkey} />
            </Field>
          ) : (
            <Field
              label="Recovery code"
              errors={state.fieldErrors?.code}
              hint="One of the codes you saved when you set up two-factor. Each works once."
            >
              <Input name="code" autoComplete="off" spellCheck={false} maxLength={64} required />
            </Field>
          )}
          <Button type="submit" className="w-full" disabled={pending}>
            {pending ? "Checking…" : "Verify"}
          </Button>
        </form>
      ) : null}
      {methods.totp && methods.recoveryCode ? (
        <Button variant="ghost" className="w-full" onClick={() => setKind(kind === "totp" ? "recovery" : "totp")}>
          {kind === "totp" ? "Use a recovery code" : "Use the authenticator app"}
        </Button>
      ) : null}
    </Card>
  );
}
