"use client";
import { useSyncExternalStore } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { buildPrefillLink, type PrefillValues } from "@/lib/scopes/prefill";

const noSubscription = () => () => {};

/** "Copy link": a prefilled link (lib/scopes/prefill.ts) that reopens the create form with these values. */
export function CopyFormLink({ values }: { values: PrefillValues }) {
  // The page's origin makes the link whole; there is none while rendering in the server.
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => "",
  );
  return (
    <CopyButton
      text={`${origin}${buildPrefillLink(values)}`}
      label="Copy link"
      context="to this form, filled in as it is"
      toastMessage="Link copied. It opens this form filled in; nothing is created until someone chooses “Create key”."
    />
  );
}
