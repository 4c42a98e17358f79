"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { confirmTotpEnrolmentAction } from "@/lib/actions/confirm-totp-enrolment";
import { disableTotpAction } from "@/lib/actions/disable-totp";
import { startTotpEnrolmentAction } from "@/lib/actions/start-totp-enrolment";
import { RecoveryCodes } from "./recovery-codes";

export function AuthenticatorApp({ enabled }: { enabled: boolean }) {
  return (
    <section aria-labelledby="authenticator-app-title" className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="authenticator-app-title" className="text-lg font-semibold">
          Authenticator app
        </h2>
        <Badge tone={enabled ? "success" : "neutral"}>{enabled ? "On" : "Off"}</Badge>
      </div>
      <p className="text-sm text-fg-muted">
        After your password, sign-in asks for the 6-digit code an app like 1Password, Google Authenticator or Aegis shows.
      </p>
      {enabled ? <TurnOff /> : <SetUp />}
    </section>
  );
}

function SetUp() {
  const router = useRouter();
  const [code, setCode] = useState("");
  const start = useAction(startTotpEnrolmentAction);
  const confirm = useAction(confirmTotpEnrolmentAction);
  const enrolment = start.result.data;
  const recoveryCodes = confirm.result.data?.recoveryCodes;

  if (recoveryCodes) {
    return (
      <RecoveryCodes
        codes={recoveryCodes}
        onDone={() => {
          toast.success("Two-factor authentication is on.");
          router.refresh();
        }}
      />
    );
  }
  if (!enrolment) {
    return (
      <div className="space-y-2">
        <FormError message={start.result.serverError} />
        <Button onClick={() => start.execute()} disabled={start.isPending}>
          {start.isPending ? "Preparing…" : "Set up authenticator app"}
        </Button>
      </div>
    );
  }
  const codeError = confirm.result.serverError ?? confirm.result.validationErrors?.fieldErrors?.code?.[0];
  return (
    <div className="space-y-4 rounded-md border border-border p-4">
      <p className="text-sm">1. Scan this QR code with your authenticator app.</p>
      {/* biome-ignore lint/performance/noImgElement: a data URL drawn on the server; next/image adds nothing here */}
      <img
        src={enrolment.qrCode}
        alt="QR code to add Keysmith to your authenticator app"
        width={192}
        height={192}
        className="rounded bg-white p-2"
      />
      <details className="text-sm">
        <summary className="cursor-pointer">Can&apos;t scan it? Enter the key by hand</summary>
        <p className="mt-2">
          Key: <code className="font-mono break-all select-all">{enrolment.secret}</code>
        </p>
        <p className="mt-1 text-fg-muted">
          Or the whole address: <code className="font-mono break-all select-all">{enrolment.uri}</code>
        </p>
      </details>
      <form
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          confirm.execute({ code });
        }}
      >
        <p className="text-sm">2. Enter the code the app shows to confirm.</p>
        <Field label="Authentication code" errors={codeError ? [codeError] : undefined}>
          <Input
            name="code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            className="max-w-40"
          />
        </Field>
        <Button type="submit" disabled={confirm.isPending}>
          {confirm.isPending ? "Checking…" : "Verify"}
        </Button>
      </form>
    </div>
  );
}

function TurnOff() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [proof, setProof] = useState("");
  const { execute, isPending, result, reset } = useAction(disableTotpAction, {
    onSuccess: () => {
      toast.success("The authenticator app is off.");
      setOpen(false);
      router.refresh();
    },
  });
  const error = result.serverError ?? result.validationErrors?.fieldErrors?.proof?.[0];
  return (
    <Dialog
      trigger={<Button variant="secondary">Turn off authenticator app</Button>}
      open={open}
      onOpenChange={(next) => {
        if (next) {
          reset();
          setProof("");
        }
        setOpen(next);
      }}
      title="Turn off the authenticator app?"
      description="Sign-in will no longer ask for its codes. To confirm it is you, enter a current code or your password."
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          execute({ proof });
        }}
      >
        <Field label="Authentication code or password" errors={error ? [error] : undefined}>
          <Input type="password" value={proof} onChange={(event) => setProof(event.target.value)} autoComplete="current-password" />
        </Field>
        <div className="flex justify-end gap-2">
          <DialogClose asChild>
            <Button variant="secondary">Cancel</Button>
          </DialogClose>
          <Button type="submit" variant="danger" disabled={isPending}>
            {isPending ? "Turning off…" : "Turn off"}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
