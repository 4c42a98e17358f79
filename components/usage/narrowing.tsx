"use client";
// Narrowing as a reversible change: "Narrow" first shows the key's access before and after, and once
// confirmed an "Undo" stays offered (in the toast and where the row was) for UNDO_SHOWN_MS.
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { toast } from "sonner";
import { callConfirmed, type RequestConfirmation, useConfirmedAction, useRequestConfirmation } from "@/components/auth/step-up";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { Dialog, DialogClose } from "@/components/ui/dialog";
import { narrowUnusedScopesAction } from "@/lib/actions/narrow-unused-scopes";
import { undoNarrowingAction } from "@/lib/actions/undo-narrowing";
import { ACCESS_LABELS } from "@/lib/scopes/scopes";
import { type KeyUnusedScopes, usageKeys } from "./usage-api";

const UNDO_SHOWN_MS = 30_000;

/** A narrowing that can still be undone: which key, which resources, and the audit event to undo. */
export type HeldNarrowing = { keyId: string; name: string; eventId: string; resources: string[] };

/** The narrowings of this screen that still offer "Undo"; each expires after UNDO_SHOWN_MS. */
export function useHeldNarrowings() {
  const [held, setHeld] = useState<HeldNarrowing[]>([]);
  const release = useCallback((eventId: string) => setHeld((all) => all.filter((entry) => entry.eventId !== eventId)), []);
  const hold = useCallback(
    (entry: HeldNarrowing) => {
      setHeld((all) => [...all, entry]);
      setTimeout(() => release(entry.eventId), UNDO_SHOWN_MS);
    },
    [release],
  );
  return { held, hold, release };
}

function useRefreshUsage() {
  const router = useRouter();
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: usageKeys.all });
    router.refresh();
  };
}

/** "Undo": puts the key's previous scopes back, if the server still allows it. */
export function UndoNarrowingButton({ narrowing, onDone }: { narrowing: HeldNarrowing; onDone: (eventId: string) => void }) {
  const refresh = useRefreshUsage();
  const { execute, isPending } = useConfirmedAction(undoNarrowingAction, {
    onSuccess: () => {
      toast.success(`${narrowing.name}: the previous access is back.`);
      onDone(narrowing.eventId);
      refresh();
    },
    onError: ({ error }) => {
      toast.error(error.serverError ?? "Could not undo the narrowing.");
      onDone(narrowing.eventId);
    },
  });
  return (
    <Button variant="secondary" disabled={isPending} onClick={() => execute({ keyId: narrowing.keyId, eventId: narrowing.eventId })}>
      {isPending ? "Undoing…" : "Undo"}
      <span className="sr-only"> narrowing of {narrowing.name}</span>
    </Button>
  );
}

/** "Narrow": a confirmation with the access before and after, per resource, then the change. */
export function NarrowButton({
  unused,
  resources,
  onNarrowed,
  variant = "secondary",
  children,
}: {
  unused: KeyUnusedScopes;
  resources: string[];
  onNarrowed: (narrowing: HeldNarrowing) => void;
  variant?: ButtonVariant;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const refresh = useRefreshUsage();
  const requestConfirmation = useRequestConfirmation();
  const changes = unused.unused.filter((scope) => resources.includes(scope.resource));
  const { execute, isPending, result, reset } = useAction(narrowUnusedScopesAction, {
    onSuccess: ({ data }) => {
      setOpen(false);
      const count = data?.narrowed.length ?? 0;
      if (data?.eventId && count) {
        const narrowing = { keyId: unused.keyId, name: unused.name, eventId: data.eventId, resources: data.narrowed };
        onNarrowed(narrowing);
        toast.success(`${unused.name}: narrowed ${count} ${count === 1 ? "scope" : "scopes"}.`, {
          duration: UNDO_SHOWN_MS,
          action: { label: "Undo", onClick: () => undoFromToast(narrowing, refresh, requestConfirmation) },
        });
      } else toast.info(`${unused.name} used these scopes in the meantime; nothing was changed.`);
      refresh();
    },
  });
  useEffect(() => {
    if (!open) reset();
  }, [open, reset]);

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      trigger={<Button variant={variant}>{children}</Button>}
      title={`Narrow ${unused.name}?`}
      description="The key keeps what its requests used. Requests that need the rest will be refused with 403."
    >
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Access before and after</caption>
        <thead className="text-xs text-fg-muted">
          <tr>
            <th scope="col" className="py-1 pr-2 font-medium">
              Resource
            </th>
            <th scope="col" className="py-1 pr-2 font-medium">
              Now
            </th>
            <th scope="col" className="py-1 font-medium">
              After
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {changes.map((scope) => (
            <tr key={scope.resource}>
              <th scope="row" className="py-1.5 pr-2 font-normal">
                {scope.label}
              </th>
              <td className="py-1.5 pr-2">{ACCESS_LABELS[scope.granted]}</td>
              <td className="py-1.5 font-medium">{ACCESS_LABELS[scope.suggested]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-fg-muted">You can undo this for {UNDO_SHOWN_MS / 1000} seconds, then edit the key.</p>
      {result.serverError ? (
        <p role="alert" className="mt-3 text-sm text-danger">
          {result.serverError}
        </p>
      ) : null}
      <div className="mt-4 flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button disabled={isPending} onClick={() => execute({ keyId: unused.keyId, resources })}>
          {isPending ? "Narrowing…" : `Narrow ${changes.length} ${changes.length === 1 ? "scope" : "scopes"}`}
        </Button>
      </div>
    </Dialog>
  );
}

/**
 * The toast's Undo: the same server action, outside React (the toast outlives the button), so it asks
 * "Confirm it's you" through the opener taken while the button was mounted.
 */
function undoFromToast(narrowing: HeldNarrowing, refresh: () => void, requestConfirmation: RequestConfirmation) {
  const undo = () => undoNarrowingAction({ keyId: narrowing.keyId, eventId: narrowing.eventId });
  void callConfirmed(undo, requestConfirmation).then((result) => {
    if (result?.data) toast.success(`${narrowing.name}: the previous access is back.`);
    else toast.error(result?.serverError ?? "Could not undo the narrowing.");
    refresh();
  });
}
