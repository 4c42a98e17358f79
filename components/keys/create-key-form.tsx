"use client";
import { useConfirmedAction } from "@/components/auth/step-up";
import { PageHeader } from "@/components/ui/page-header";
import { createKeyAction } from "@/lib/actions/create-key";
import type { RateLimit } from "@/lib/rate-limit/rate-limit";
import type { Prefill } from "@/lib/scopes/prefill";
import { KeyForm } from "./key-form";
import { NewKeyReveal, useCreatedKey } from "./new-key-reveal";
import { PrefillNotice } from "./prefill-notice";

/**
 * `prefill`: what a prefilled link asked for (lib/scopes/prefill.ts), shown for review, never created by itself.
 * `defaultRateLimit`: DEFAULT_KEY_RATE_LIMIT, which the form's "Rate limit" starts with.
 */
export function CreateKeyForm({ prefill, defaultRateLimit }: { prefill?: Prefill; defaultRateLimit: RateLimit | null }) {
  const [created, showCreated] = useCreatedKey();
  const { execute, reset, isPending, result } = useConfirmedAction(createKeyAction, {
    onSuccess: ({ data }) => {
      if (!data) return;
      showCreated(data);
      // The hook keeps the last result; drop it so the secret lives in one place only.
      reset();
    },
  });

  if (created) return <NewKeyReveal created={created} />;

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
        defaultRateLimit={defaultRateLimit}
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
