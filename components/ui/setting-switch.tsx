"use client";
import { useId } from "react";
import { cn } from "./cn";
import { FormError } from "./form-error";

/** An on/off workspace setting: its label and hint beside a switch; only some roles can change it (the server checks again). */
export function SettingSwitch({
  label,
  hint,
  checked,
  canChange,
  pending,
  error,
  onToggle,
}: {
  label: string;
  hint: string;
  checked: boolean;
  canChange: boolean;
  pending: boolean;
  error?: string;
  onToggle: (next: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-2">
      <div className="flex items-start justify-between gap-4">
        <div>
          <span id={`${id}-label`} className="block text-sm font-medium">
            {label}
          </span>
          <span id={`${id}-hint`} className="block text-sm text-fg-muted">
            {hint}
          </span>
        </div>
        <button
          type="button"
          role="switch"
          aria-checked={checked}
          aria-labelledby={`${id}-label`}
          aria-describedby={`${id}-hint`}
          disabled={!canChange || pending}
          onClick={() => onToggle(!checked)}
          className={cn(
            "relative inline-flex h-6 w-11 shrink-0 items-center rounded-full border border-border transition",
            "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent disabled:cursor-not-allowed disabled:opacity-60",
            checked ? "bg-accent" : "bg-muted",
          )}
        >
          <span
            aria-hidden
            className={cn("inline-block size-4 rounded-full bg-surface shadow transition", checked ? "translate-x-6" : "translate-x-1")}
          />
        </button>
      </div>
      <FormError message={error} />
      {canChange ? null : <p className="text-xs text-fg-muted">Only an Owner can change this.</p>}
    </div>
  );
}
