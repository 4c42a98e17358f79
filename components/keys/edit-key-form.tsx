"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useConfirmedAction } from "@/components/auth/step-up";
import { updateKeyAction } from "@/lib/actions/update-key";
import { KeyForm } from "./key-form";

type KeyRecord = { id: string; name: string; description: string; ipAllowList: string[]; scopes: string[] };

export function EditKeyForm({ keyRecord }: { keyRecord: KeyRecord }) {
  const router = useRouter();
  const { execute, isPending, result } = useConfirmedAction(updateKeyAction, {
    onSuccess: () => {
      toast.success("Changes saved. They apply from the key's next request.");
      router.push(`/keys/${keyRecord.id}`);
    },
  });
  return (
    <KeyForm
      mode="edit"
      initial={keyRecord}
      cancelHref={`/keys/${keyRecord.id}`}
      pending={isPending}
      serverErrors={result.validationErrors}
      serverError={result.serverError}
      onSubmit={({ name, description, ipAllowList, scopes }) => execute({ keyId: keyRecord.id, name, description, ipAllowList, scopes })}
    />
  );
}
