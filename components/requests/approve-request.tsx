"use client";
import { useConfirmedAction } from "@/components/auth/step-up";
import { KeyForm, type KeyFormInitial } from "@/components/keys/key-form";
import { NewKeyReveal, useCreatedKey } from "@/components/keys/new-key-reveal";
import { approveAccessRequestAction } from "@/lib/actions/approve-access-request";

/**
 * The request in the key form, filled in as asked and editable; "Approve and create key" creates the
 * key and shows its secret once, as creating a key does (components/keys/create-key-form.tsx).
 */
export function ApproveRequest({ requestId, initial, header }: { requestId: string; initial: KeyFormInitial; header: React.ReactNode }) {
  const [created, showCreated] = useCreatedKey();
  const { execute, reset, isPending, result } = useConfirmedAction(approveAccessRequestAction, {
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
