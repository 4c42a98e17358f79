"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useConfirmedAction } from "@/components/auth/step-up";
import { Card } from "@/components/ui/card";
import { focusPageHeading } from "@/components/ui/focus-heading";
import { PageHeader } from "@/components/ui/page-header";
import { createKeyAction } from "@/lib/actions/create-key";
import type { Prefill } from "@/lib/scopes/prefill";
import { KeyForm } from "./key-form";
import { PrefillNotice } from "./prefill-notice";
import { RevealSecret } from "./reveal-secret";

type Created = { keyId: string; name: string; secret: string };

/** `prefill`: what a prefilled link asked for (lib/scopes/prefill.ts), shown for review, never created by itself. */
export function CreateKeyForm({ prefill }: { prefill?: Prefill }) {
  const router = useRouter();
  const [created, setCreated] = useState<Created | null>(null);
  const { execute, reset, isPending, result } = useConfirmedAction(createKeyAction, {
    onSuccess: ({ data }) => {
      if (!data) return;
      setCreated({ keyId: data.keyId, name: data.name, secret: data.secret });
      // The hook keeps the last result; drop it so the secret lives in one place only.
      reset();
      window.scrollTo({ top: 0 });
    },
  });

  // A page restored from the back-forward cache must not show the secret again.
  useEffect(() => {
    const clear = () => setCreated(null);
    window.addEventListener("pagehide", clear);
    return () => window.removeEventListener("pagehide", clear);
  }, []);

  if (created) {
    return (
      <>
        <PageHeader title="Save your secret key" description="This is the only time the secret is shown. Keysmith stores only its hash." />
        <Card className="max-w-3xl p-4 sm:p-6">
          <RevealSecret
            keyId={created.keyId}
            secret={created.secret}
            name={created.name}
            apiBaseUrl={window.location.origin}
            onDone={() => {
              const keyPage = `/keys/${created.keyId}`;
              router.replace(keyPage);
              focusPageHeading(keyPage);
            }}
          />
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title="Create API key"
        description="A key lets a program call the API on behalf of this workspace, with only the access you choose here."
      />
      {prefill?.requested ? <PrefillNotice prefill={prefill} /> : null}
      <KeyForm
        mode="create"
        initial={prefill?.requested ? { ...prefill.initial, ipAllowList: [] } : undefined}
        cancelHref="/keys"
        pending={isPending}
        serverErrors={result.validationErrors}
        serverError={result.serverError}
        onSubmit={(values) => {
          // Drop the last answer so an old error does not linger while this one is on its way.
          reset();
          execute({ ...values, expiration: values.expiration ?? "never" });
        }}
      />
    </>
  );
}
