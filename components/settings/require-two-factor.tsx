"use client";
import { useAction } from "next-safe-action/hooks";
import { useId } from "react";
import { toast } from "sonner";
import { cn } from "@/components/ui/cn";
import { FormError } from "@/components/ui/form-error";
import { setRequireTwoFactorAction } from "@/lib/actions/set-require-two-factor";

/** The workspace setting, as a switch; only an Owner can change it (the server checks again). */
export function RequireTwoFactor({ required, canChange }: { required: boolean; canChange: boolean }) {
  const id = useId();
  const { execute, isPending, result } = useAction(setRequireTwoFactorAction, {
    onSuccess: ({ data }) => toast.success(data?.required ? "Owners and Admins now need two-factor." : "Two-factor is no longer required."),
  });
  return (
    <div className="space-y-2">
      <div className="flex items-start justify-between gap-4">
        <div>
          <span id={`${id}-label`} className="block text-sm font-medium">
            Require two-factor for Owners and Admins
          </span>
          <span id={`${id}-hint`} className="block text-sm text-fg-muted">
            Owners and Admins without an authenticator app or passkey are sent to set one up before they can do anything in this workspace.
            Support is not affected.
          </span>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={required}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint`}
          disabled={!canChange || isPending}
          onClick={() => execute({ required: !required })}
          className={cn(
            "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border border-border transition",
            "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-60",
            required ? "bg-accent" : "bg-muted",
          )}
        >
          <span
            aria-hidden
            className={cn("inline-block size-4 rounded-full bg-surface shadow transition", required ? "translate-x-6" : "translate-x-1")}
          />
        </button>
      </div>
      <FormError message={result.serverError} />
      {canChange ? null : <p className="text-xs text-fg-muted">Only an Owner can change this.</p>}
    </div>
  );
}
