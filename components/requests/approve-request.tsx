"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useConfirmedAction } from "@/components/auth/step-up";
import { KeyForm, type KeyFormInitial } from "@/components/keys/key-form";
import { RevealSecret } from "@/components/keys/reveal-secret";
import { Card } from "@/components/ui/card";
import { focusPageHeading } from "@/components/ui/focus-heading";
import { PageHeader } from "@/components/ui/page-header";
import { approveAccessRequestAction } from "@/lib/actions/approve-access-request";

type Created = { keyId: string; name: string; secret: string };

/**
 * The request in the key form, filled in as asked and editable; "Approve and create key" creates the
 * key and shows its secret once, as creating a key does (components/keys/create-key-form.tsx).
 */
export function ApproveRequest({ requestId, initial, header }: { requestId: string; initial: KeyFormInitial; header: React.ReactNode }) {
  const router = useRouter();
  const [created, setCreated] = useState<Created | null>(null);
  const { execute, reset, isPending, result } = useConfirmedAction(approveAccessRequestAction, {
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
      {header}
      <KeyForm
        mode="create"
        initial={initial}
        submitLabel="Approve and create key"
        offerTemplatesAndLink={false}
        cancelHref="/requests"
        pending={isPending}
        serverErrors={result.validationErrors}
        serverError={result.serverError}
        onSubmit={(values) => {
          reset();
          execute({ ...values, requestId, expiration: values.expiration ?? "never" });
        }}
      />
    </>
  );
}
