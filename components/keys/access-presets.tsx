"use client";
import { type ChoiceCard, ChoiceCards } from "@/components/ui/choice-cards";
import type { Preset } from "@/lib/scopes/scopes";

const OPTIONS: ChoiceCard<Preset>[] = [
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
  return (
    <ChoiceCards
      label="Access"
      options={OPTIONS}
      value={value}
      onChange={onChange}
      describedBy={describedBy}
      className="grid gap-2 sm:grid-cols-3"
    />
  );
}
