"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";

type Choice = { id: string; label: string };
export type AuditFilterValues = { actor?: string; action?: string; target?: string; from?: string; to?: string };

/**
 * The audit log's filters, kept in the URL so a view can be shared. A plain GET form (it works without
 * JavaScript); with it, a changed select or date applies at once and the search applies on Enter.
 */
export function AuditFilters({
  values,
  actions,
  members,
  keys,
}: {
  values: AuditFilterValues;
  actions: Choice[];
  members: Choice[];
  keys: Choice[];
}) {
  const router = useRouter();
  const apply = (form: HTMLFormElement) => {
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(form)) if (typeof value === "string" && value.trim()) params.set(name, value.trim());
    const search = params.toString();
    router.push(search ? `/audit?${search}` : "/audit");
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget);
  };
  const filtered = Object.values(values).some(Boolean);

  return (
    <form
      method="get"
      action="/audit"
      aria-label="Filter the audit log"
      onSubmit={onSubmit}
      onChange={(event) => {
        if (!(event.target instanceof HTMLInputElement && event.target.type === "search")) apply(event.currentTarget);
      }}
      className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_11rem_11rem_auto] lg:items-start"
    >
      <div>
        <label htmlFor="audit-actor" className="mb-1 block text-sm font-medium">
          Actor
        </label>
        <Select id="audit-actor" name="actor" defaultValue={values.actor ?? ""}>
          <option value="">Anyone</option>
          <optgroup label="Members">
            {members.map((member) => (
              <option key={member.id} value={member.id}>
                {member.label}
              </option>
            ))}
          </optgroup>
          {keys.length ? (
            <optgroup label="Keys">
              {keys.map((key) => (
                <option key={key.id} value={key.id}>
                  {key.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          <option value="system">System</option>
        </Select>
      </div>
      <div>
        <label htmlFor="audit-action" className="mb-1 block text-sm font-medium">
          Action
        </label>
        <Select id="audit-action" name="action" defaultValue={values.action ?? ""}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action.id} value={action.id}>
              {action.label}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <label htmlFor="audit-target" className="mb-1 block text-sm font-medium">
          Target
        </label>
        <Input
          id="audit-target"
          name="target"
          type="search"
          defaultValue={values.target ?? ""}
          maxLength={64}
          aria-describedby="audit-target-hint"
        />
        <p id="audit-target-hint" className="mt-1 text-xs text-fg-muted">
          A key or member: name, email, key prefix or last four characters. Press Enter to search.
        </p>
      </div>
      <div>
        <label htmlFor="audit-from" className="mb-1 block text-sm font-medium">
          From (UTC)
        </label>
        <Input id="audit-from" name="from" type="datetime-local" defaultValue={values.from ?? ""} />
      </div>
      <div>
        <label htmlFor="audit-to" className="mb-1 block text-sm font-medium">
          To (UTC)
        </label>
        <Input id="audit-to" name="to" type="datetime-local" defaultValue={values.to ?? ""} />
      </div>
      {filtered ? (
        <Link href="/audit" className="text-sm underline underline-offset-2 lg:mt-8">
          Clear filters
        </Link>
      ) : null}
    </form>
  );
}
