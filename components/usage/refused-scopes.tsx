"use client";
// The other side of right-sizing: what a key asked for and was refused, with "Grant" for those who
// may edit keys. Granting goes through a confirmation: it widens what the key can do.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { useConfirmedAction } from "@/components/auth/step-up";
import { Button } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { grantRefusedScopeAction } from "@/lib/actions/grant-refused-scope";
import { countOf } from "@/lib/format";
import { ACCESS_LABELS } from "@/lib/scopes/scopes";
import type { RefusedScope } from "@/lib/usage/unused-scopes";
import { type KeyUnusedScopes, usageKeys } from "./usage-api";

function GrantButton({ unused, refused }: { unused: KeyUnusedScopes; refused: RefusedScope }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const queryClient = useQueryClient();
  const access = ACCESS_LABELS[refused.level];
  const { execute, isPending, result } = useConfirmedAction(grantRefusedScopeAction, {
    onSuccess: () => {
      setOpen(false);
      toast.success(`${unused.name}: ${refused.label} is now ${access}.`);
      void queryClient.invalidateQueries({ queryKey: usageKeys.all });
      router.refresh();
    },
  });
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="secondary">
          Grant<span className="sr-only"> {`${refused.label} ${access}`}</span>
        </Button>
      }
      title={`Grant ${refused.label} ${access}?`}
      description={`${unused.name} was refused ${countOf(refused.requests, "request")} that needed ${refused.scope}. Granting lets such requests through.`}
    >
      {result.serverError ? (
        <p role="alert" className="mb-3 text-sm text-danger">
          {result.serverError}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button disabled={isPending} onClick={() => execute({ keyId: unused.keyId, scope: refused.scope })}>
          {isPending ? "Granting…" : `Grant ${access}`}
        </Button>
      </div>
    </Dialog>
  );
}

/** "Refused in the last 30 days": each scope the key lacked, how often, and "Grant" for managers. */
export function RefusedScopes({ unused, canManage }: { unused: KeyUnusedScopes; canManage: boolean }) {
  if (!unused.refused.length) return null;
  return (
    <div className="mt-3">
      <h3 className="text-sm font-medium">Refused in the last 30 days</h3>
      <ul className="mt-1 divide-y divide-border" aria-label={`Scopes ${unused.name} was refused`}>
        {unused.refused.map((refused) => (
          <li key={refused.scope} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
            <span>
              {refused.label}: {ACCESS_LABELS[refused.level]}
              <span className="text-fg-muted"> · {countOf(refused.requests, "refused request")}</span>
            </span>
            {canManage ? <GrantButton unused={unused} refused={refused} /> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
