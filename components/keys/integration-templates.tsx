"use client";
import { useId } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { type ChoiceCard, ChoiceCards } from "@/components/ui/choice-cards";
import { findTemplate, type IntegrationTemplate } from "@/lib/scopes/catalog";

function suggestedExpiry(days: number | null): string {
  return days === null ? "Suggested expiry: never." : `Suggested expiry: ${days} days.`;
}

/** "Start from a template": fills the form for a common integration; the form stays editable afterwards. */
export function IntegrationTemplates({ value, onChoose }: { value: string | null; onChoose: (template: IntegrationTemplate) => void }) {
  const id = useId();
  const catalog = useCatalog();
  const options: ChoiceCard<string>[] = catalog.templates.map((template) => ({
    value: template.id,
    label: template.name,
    description: `${template.description} ${suggestedExpiry(template.recommendedExpiryDays)}`,
  }));
  return (
    <section aria-labelledby={`${id}-heading`} className="space-y-3">
      <div>
        <h2 id={`${id}-heading`} className="text-base font-semibold">
          Start from a template
        </h2>
        <p className="mt-1 max-w-2xl text-sm text-fg-muted">
          Optional: sets the access and expiry a common integration needs, and a name and description where you have not typed one. You can
          change all of it below.
        </p>
      </div>
      <ChoiceCards
        label="Start from a template"
        options={options}
        value={value}
        onChange={(templateId) => {
          const template = findTemplate(catalog, templateId);
          if (template) onChoose(template);
        }}
        className="grid max-w-3xl gap-2 sm:grid-cols-2"
      />
    </section>
  );
}
