"use client";
import * as RadioGroup from "@radix-ui/react-radio-group";
import { useId } from "react";

type Option<T extends string> = { value: T; label: string; description?: string };

/** A labelled radio group (Radix): arrow keys move between options, each option named by its label. */
export function RadioCards<T extends string>({
  label,
  value,
  onValueChange,
  options,
}: {
  label: string;
  value: T;
  onValueChange: (value: T) => void;
  options: Option<T>[];
}) {
  const id = useId();
  return (
    <RadioGroup.Root aria-label={label} value={value} onValueChange={(v) => onValueChange(v as T)} className="space-y-2">
      {options.map((option) => (
        <div
          key={option.value}
          className="relative flex items-start gap-3 rounded-md border border-border p-3 has-[[data-state=checked]]:border-accent"
        >
          <RadioGroup.Item
            id={`${id}-${option.value}`}
            value={option.value}
            aria-describedby={option.description ? `${id}-${option.value}-description` : undefined}
            className="relative z-10 mt-0.5 grid size-4 shrink-0 place-items-center rounded-full border border-fg-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent data-[state=checked]:border-accent"
          >
            <RadioGroup.Indicator className="size-2 rounded-full bg-accent" />
          </RadioGroup.Item>
          <div className="text-sm">
            {/* The label alone names the radio (the description is its description); it stretches over the
                card, under the radio, so a click anywhere on the card still chooses the option. */}
            <label htmlFor={`${id}-${option.value}`} className="cursor-pointer font-medium after:absolute after:inset-0">
              {option.label}
            </label>
            {option.description ? (
              <span id={`${id}-${option.value}-description`} className="block text-fg-muted">
                {option.description}
              </span>
            ) : null}
          </div>
        </div>
      ))}
    </RadioGroup.Root>
  );
}
