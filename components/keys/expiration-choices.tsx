"use client";
import * as RadioGroup from "@radix-ui/react-radio-group";
import type { ComponentProps } from "react";
import { cn } from "@/components/ui/cn";
import { EXPIRATION_CHOICES, EXPIRATION_LABELS, type ExpirationChoice } from "@/lib/validation/keys";

type RootProps = Omit<ComponentProps<typeof RadioGroup.Root>, "value" | "onValueChange" | "onChange" | "children">;

/** The expiration buttons (Never, 30, 60, 90 days, Custom date), as creating a key and requesting one offer them. */
export function ExpirationChoices({
  value,
  onChoose,
  className,
  ...root
}: RootProps & { value: ExpirationChoice; onChoose: (next: ExpirationChoice) => void }) {
  return (
    <RadioGroup.Root
      {...root}
      value={value}
      onValueChange={(next) => onChoose(next as ExpirationChoice)}
      className={cn("flex flex-wrap gap-2", className)}
    >
      {EXPIRATION_CHOICES.map((choice) => (
        <RadioGroup.Item
          key={choice}
          value={choice}
          className={cn(
            "min-h-9 rounded-md border border-border px-3 py-1.5 text-sm font-medium text-fg hover:bg-muted",
            "focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent",
            "data-[state=checked]:border-accent data-[state=checked]:bg-accent data-[state=checked]:text-accent-fg",
          )}
        >
          {EXPIRATION_LABELS[choice]}
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
