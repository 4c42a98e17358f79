"use client";
import { useId, useRef, useState } from "react";
import { cn } from "./cn";

export type ChoiceCard<T extends string> = { value: T; label: string; description: string };

const NEXT_KEYS: Record<string, 1 | -1> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

/**
 * Cards to choose one of, each a radio with a label and a description, one Tab stop for the group.
 * Unlike a plain radio group, the arrow keys only move focus: each choice here replaces what the form
 * holds (the access presets, the integration templates), so it applies only when chosen (click, Space
 * or Enter), never in passing. `value` null: nothing chosen yet.
 */
export function ChoiceCards<T extends string>({
  label,
  options,
  value,
  onChange,
  describedBy,
  className,
}: {
  label: string;
  options: readonly ChoiceCard<T>[];
  value: T | null;
  onChange: (value: T) => void;
  describedBy?: string;
  className?: string;
}) {
  const id = useId();
  // The one Tab stop: the option focused last, else the chosen one, else the first.
  const [focused, setFocused] = useState<T | null>(null);
  const tabStop = focused ?? value ?? options[0]?.value;
  const buttons = useRef(new Map<T, HTMLButtonElement>());

  function onKeyDown(event: React.KeyboardEvent, index: number) {
    const step = NEXT_KEYS[event.key];
    if (!step) return;
    event.preventDefault();
    const next = options[(index + step + options.length) % options.length];
    if (next) buttons.current.get(next.value)?.focus();
  }

  return (
    <div
      role="radiogroup"
      aria-label={label}
      // An error, when there is one, is read before the keyboard hint.
      aria-describedby={describedBy ? `${describedBy} ${id}-keys` : `${id}-keys`}
      className={className}
    >
      <p id={`${id}-keys`} className="sr-only">
        Arrow keys move between the options; Space or Enter applies one.
      </p>
      {options.map((option, index) => {
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
