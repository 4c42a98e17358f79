"use client";
import { useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import type { Preset } from "@/lib/scopes/scopes";

const OPTIONS: { value: Preset; label: string; description: string }[] = [
  { value: "read-only", label: "Read-only", description: "Read every resource that can be read. Changes nothing." },
  { value: "full-access", label: "Full access", description: "Read and change every resource." },
  { value: "custom", label: "Custom", description: "Choose No access, Read or Full access per resource below." },
];

const NEXT_KEYS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * The starting points for a key's scopes; the matrix below shows and refines what they grant.
 * Unlike a plain radio group, the arrow keys only move focus: a preset replaces the whole matrix, so
 * it applies only when chosen (click, Space or Enter), never in passing.
 */
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
  // The one Tab stop: the option focused last, else the chosen one.
  const [focused, setFocused] = useState<Preset | null>(null);
  const tabStop = focused ?? value;
  const buttons = useRef(new Map<Preset, HTMLButtonElement>());

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    const step = NEXT_KEYS[event.key];
    if (!step) return;
    event.preventDefault();
    const next = OPTIONS[(index + step + OPTIONS.length) % OPTIONS.length];
    if (next) buttons.current.get(next.value)?.focus();
  }

  return (
    <div
      role="radiogroup"
      aria-label="Access"
      // An error, when there is one, is read before the keyboard hint.
      aria-describedby={describedBy ? `${describedBy} ${id}-keys` : `${id}-keys`}
      className="grid gap-2 sm:grid-cols-3"
    >
      <p id={`${id}-keys`} className="sr-only">
        Arrow keys move between the options; Space or Enter applies one.
      </p>
      {OPTIONS.map((option, index) => {
        const checked = option.value === value;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a native radio is checked by the arrow keys, which must only move focus here
          <button
            key={option.value}
            ref={(element) => {
              if (element) buttons.current.set(option.value, element);
              else buttons.current.delete(option.value);
            }}
            type="button"
            role="radio"
            aria-checked={checked}
            aria-labelledby={`${id}-${option.value}-label`}
            aria-describedby={`${id}-${option.value}-description`}
            tabIndex={option.value === tabStop ? 0 : -1}
            onClick={() => onChange(option.value)}
            onKeyDown={(event) => onKeyDown(event, index)}
            onFocus={() => setFocused(option.value)}
            onBlur={() => setFocused(null)}
            className={cn(
              "flex items-start gap-3 rounded-md border border-border bg-surface p-3 text-left text-sm hover:bg-muted",
              "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
              checked && "border-accent ring-1 ring-accent",
            )}
          >
            <span
              aria-hidden
              className={cn(
                "mt-0.5 grid size-4 shrink-0 place-items-center rounded-full border",
                checked ? "border-accent" : "border-fg-muted",
              )}
            >
              {checked ? <span className="size-2 rounded-full bg-accent" /> : null}
            </span>
            <span>
              <span id={`${id}-${option.value}-label`} className="block font-medium">
                {option.label}
              </span>
              <span id={`${id}-${option.value}-description`} className="block text-fg-muted">
                {option.description}
              </span>
            </span>
          </button>
        );
      })}
    </div>
  );
}
