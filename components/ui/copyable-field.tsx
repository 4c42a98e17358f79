"use client";
import { useEffect, useId, useRef } from "react";
import { cn } from "./cn";
import { CopyButton } from "./copy-button";

/**
 * A value shown once to be copied (a secret key, a handover or reset link): a read-only field that
 * selects itself on focus, and a copy button that falls back to selecting it when the clipboard refuses.
 */
export function CopyableField({
  label,
  value,
  copyLabel = "Copy",
  toastMessage,
  describedBy,
  focusOnMount = false,
  large = false,
  onCopied,
}: {
  label: string;
  value: string;
  copyLabel?: string;
  toastMessage: string;
  describedBy?: string;
  /** Moves focus to the field when it appears, so a keyboard or screen reader user lands on it. */
  focusOnMount?: boolean;
  /** A larger font from small screens up, for a secret key read at a glance. */
  large?: boolean;
  onCopied?: () => void;
}) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) inputRef.current?.focus();
  }, [focusOnMount]);
  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          ref={inputRef}
          id={id}
          readOnly
          value={value}
          aria-describedby={describedBy}
          onFocus={(event) => event.currentTarget.select()}
          spellCheck={false}
          autoComplete="off"
          className={cn(
            "block w-full min-w-0 rounded-md border border-border bg-muted px-2 py-2 font-mono text-xs text-fg",
            "focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent",
            large && "sm:px-3 sm:text-sm",
          )}
        />
        <CopyButton
          text={value}
          label={copyLabel}
          toastMessage={toastMessage}
          onCopied={onCopied}
          onFailure={() => inputRef.current?.select()}
        />
      </div>
    </div>
  );
}
