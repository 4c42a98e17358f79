"use client";
import * as RadioGroup from "@radix-ui/react-radio-group";
import { useId } from "react";
import type { Preset } from "@/lib/scopes/scopes";

const OPTIONS: { value: Preset; label: string; description: string }[] = [
  { value: "read-only", label: "Read-only", description: "Read every resource that can be read. Changes nothing." },
  { value: "full-access", label: "Full access", description: "Read and change every resource." },
  { value: "custom", label: "Custom", description: "Choose No access, Read or Full access per resource below." },
];

/** The starting points for a key's scopes; the matrix below shows and refines what they grant. */
export function AccessPresets({
  value,
  onChange,
  describedBy,
}: {
  value: Preset;
  onChange: (preset: Preset) => void;
  describedBy?: string;
}) {
  const id = useId();
  return (
    <RadioGroup.Root
      aria-label="Access"
      aria-describedby={describedBy}
      value={value}
      onValueChange={(next) => onChange(next as Preset)}
      className="grid gap-2 sm:grid-cols-3"
    >
      {OPTIONS.map((option) => (
        <div
          key={option.value}
          className="relative flex items-start gap-3 rounded-md border border-border bg-surface p-3 hover:bg-muted has-[[data-state=checked]]:border-accent has-[[data-state=checked]]:ring-1 has-[[data-state=checked]]:ring-accent"
        >
          <RadioGroup.Item
            id={`${id}-${option.value}`}
            value={option.value}
            aria-describedby={`${id}-${option.value}-description`}
            className="relative z-10 mt-0.5 grid size-4 shrink-0 place-items-center rounded-full border border-fg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent data-[state=checked]:border-accent"
          >
            <RadioGroup.Indicator className="size-2 rounded-full bg-accent" />
          </RadioGroup.Item>
          <div className="text-sm">
            {/* The label stretches over the card (under the radio), so a click anywhere on it chooses the option. */}
            <label htmlFor={`${id}-${option.value}`} className="cursor-pointer font-medium after:absolute after:inset-0">
              {option.label}
            </label>
            <p id={`${id}-${option.value}-description`} className="text-fg-muted">
              {option.description}
            </p>
          </div>
        </div>
      ))}
    </RadioGroup.Root>
  );
}
