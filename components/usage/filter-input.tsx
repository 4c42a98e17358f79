"use client";
import { useEffect, useId, useState } from "react";
import { Input } from "@/components/ui/input";

// How long typing may pause before the view re-queries: a filter applies by itself, like the selects,
// without a query per keystroke.
const SETTLE_MS = 400;

/** A labelled text filter above a usage view: applies once typing pauses, or at once on Enter. */
export function FilterInput({
  label,
  value,
  onChange,
  type = "text",
  placeholder,
  problem,
  className,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: "text" | "datetime-local";
  placeholder?: string;
  /** Why the value typed will not be applied, shown under the input. */
  problem?: string;
  className?: string;
}) {
  const id = useId();
  const problemId = useId();
  const [draft, setDraft] = useState(value);
  // A value changed from outside (Clear filters, a reload) replaces what was typed.
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (draft === value) return;
    const timer = setTimeout(() => onChange(draft.trim()), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [draft, value, onChange]);
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-fg-muted">
        {label}
      </label>
      <Input
        id={id}
        type={type}
        value={draft}
        placeholder={placeholder}
        spellCheck={false}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter") onChange(draft.trim());
        }}
        className={`py-1.5 ${className ?? ""}`}
      />
      {problem ? (
        <p id={problemId} className="mt-1 text-xs text-danger">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
