"use client";
import { type ReactNode, useId } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { Select } from "@/components/ui/select";

/** A labelled select above a usage view; changing it re-queries at once. */
export function FilterSelect({
  label,
  value,
  onChange,
  className,
  children,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-fg-muted">
        {label}
      </label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)} className={`py-1.5 ${className ?? ""}`}>
        {children}
      </Select>
    </div>
  );
}

export function ResourceOptions() {
  const catalog = useCatalog();
  return (
    <>
      <option value="">All resources</option>
      {catalog.resources.map((resource) => (
        <option key={resource.id} value={resource.id}>
          {resource.label}
        </option>
      ))}
    </>
  );
}
