"use client";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Card } from "@/components/ui/card";
import { focusPageHeading } from "@/components/ui/focus-heading";
import { PageHeader } from "@/components/ui/page-header";
import { RevealSecret } from "./reveal-secret";

export type CreatedKey = { keyId: string; name: string; secret: string };

/**
 * Holds a just-created key for its one showing (creating a key, approving an access request). Only the
 * three fields the reveal needs are kept, and a page restored from the back-forward cache shows nothing.
 */
export function useCreatedKey() {
  const [created, setCreated] = useState<CreatedKey | null>(null);
  useEffect(() => {
    const clear = () => setCreated(null);
    window.addEventListener("pagehide", clear);
    return () => window.removeEventListener("pagehide", clear);
  }, []);
  function show({ keyId, name, secret }: CreatedKey) {
    setCreated({ keyId, name, secret });
    window.scrollTo({ top: 0 });
  }
  return [created, show] as const;
}

/** The page a new key's secret is shown on, once; "I've saved it" goes on to the key's page. */
export function NewKeyReveal({ created }: { created: CreatedKey }) {
  const router = useRouter();
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
            // The shared layout outlives the navigation, and what it shows may have changed with the key
            // (an approved request leaves the navigation's pending count): render it again.
            router.refresh();
            focusPageHeading(keyPage);
          }}
        />
      </Card>
    </>
  );
}
