"use client";
import { startAuthentication } from "@simplewebauthn/browser";
import { KeyRound } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { passkeySignInOptionsAction, verifyPasskeySignInAction } from "@/lib/actions/passkey-sign-in";

const RESTART = "This sign-in has expired (you have 5 minutes after the password). Reload the page and sign in again.";

export function PasskeySignInButton({ onError }: { onError: (message: string | undefined) => void }) {
  const [pending, setPending] = useState(false);
  async function signInWithPasskey() {
    setPending(true);
    onError(undefined);
    try {
      const started = await passkeySignInOptionsAction();
      if (!("options" in started)) return onError(RESTART);
      const response = await startAuthentication({ optionsJSON: started.options });
      // On success the action redirects; otherwise it says why.
      const result = await verifyPasskeySignInAction(response);
      if (result?.restart) onError(RESTART);
      else if (result?.formError) onError(result.formError);
    } catch {
      onError("The passkey was not used (cancelled or not available on this device). Try again, or use a code.");
    } finally {
      setPending(false);
    }
  }
  return (
    <Button variant="secondary" className="w-full" disabled={pending} onClick={() => void signInWithPasskey()}>
      <KeyRound aria-hidden className="size-4" />
      {pending ? "Waiting for the passkey…" : "Use a passkey"}
    </Button>
  );
}
