"use client";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useConfirmedAction } from "@/components/auth/step-up";
import { useCatalog } from "@/components/catalog-provider";
import { updateKeyAction } from "@/lib/actions/update-key";
import type { RateLimit } from "@/lib/rate-limit/rate-limit";
import { goneScopes, type Scope, toAccessMap, toScopes } from "@/lib/scopes/scopes";
import { KeyForm } from "./key-form";

type KeyRecord = { id: string; name: string; description: string; ipAllowList: string[]; rateLimit: RateLimit | null; scopes: string[] };

/** `grant`: the scope a "Grant <scope>" link asked for, chosen in the form (write implies read) but saved only by Save. */
export function EditKeyForm({ keyRecord, grant }: { keyRecord: KeyRecord; grant?: Scope }) {
  const router = useRouter();
  const catalog = useCatalog();
  const { execute, isPending, result } = useConfirmedAction(updateKeyAction, {
    onSuccess: () => {
      toast.success("Changes saved. They apply from the key's next request.");
      router.push(`/keys/${keyRecord.id}`);
    },
  });
  return (
    <KeyForm
      mode="edit"
      initial={
        grant
          ? {
              ...keyRecord,
              scopes: [...toScopes(catalog, toAccessMap(catalog, [...keyRecord.scopes, grant])), ...goneScopes(catalog, keyRecord.scopes)],
            }
          : keyRecord
      }
      highlightScope={grant}
      cancelHref={`/keys/${keyRecord.id}`}
      pending={isPending}
      serverErrors={result.validationErrors}
      serverError={result.serverError}
      onSubmit={({ name, description, ipAllowList, rateLimit, scopes }) =>
        execute({ keyId: keyRecord.id, name, description, ipAllowList, rateLimit, scopes })
      }
    />
  );
}
