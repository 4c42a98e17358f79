"use client";
import { useId, useState } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { ExpirationChoices } from "@/components/keys/expiration-choices";
import { ScopeMatrix } from "@/components/keys/scope-matrix";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { HONEYPOT_FIELD_NAME, REASON_FIELD_PREFIX } from "@/lib/access-requests/field-names";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import { type AccessMap, toScopes } from "@/lib/scopes/scopes";
import {
  type AccessRequestField,
  accessRequestSchema,
  COMPANY_MAX,
  PURPOSE_MAX,
  REASON_MAX,
  REQUESTER_NAME_MAX,
} from "@/lib/validation/access-requests";
import { type ExpirationChoice, utcDate } from "@/lib/validation/keys";
import { z } from "@/lib/validation/zod";

type Errors = Partial<Record<AccessRequestField, string[]>>;

/**
 * The public request form. It posts natively to /request/<slug>/send (so the answers are real pages
 * with real status codes: 303 to "Request sent", 422, 429); with JavaScript it first checks the fields
 * with the server's own schema and shows the problems here instead of sending.
 */
export function RequestForm({ slug, token }: { slug: string; token: string }) {
  const id = useId();
  const [fields, setFields] = useState({ requesterName: "", company: "", email: "", purpose: "" });
  const [access, setAccess] = useState<AccessMap>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const [expiration, setExpiration] = useState<ExpirationChoice>("90");
  const [expiresOn, setExpiresOn] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const catalog = useCatalog();
  const scopes = toScopes(catalog, access);

  function check(event: React.FormEvent<HTMLFormElement>) {
    const parsed = accessRequestSchema(catalog).safeParse({
      ...fields,
      scopes,
      reasons,
      expiration,
      expiresOn: expiration === "custom" ? expiresOn : undefined,
    });
    if (parsed.success) return;
    event.preventDefault();
    const flattened = z.flattenError(parsed.error);
    setErrors({ ...(flattened.fieldErrors as Errors), scopes: [...flattened.formErrors, ...(flattened.fieldErrors.scopes ?? [])] });
    requestAnimationFrame(() => event.currentTarget?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
  }

  const text = (name: keyof typeof fields) => ({
    name,
    value: fields[name],
    onChange: (event: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      setFields({ ...fields, [name]: event.target.value });
      setErrors({ ...errors, [name]: undefined });
    },
  });
  const scopeErrors = errors.scopes?.length ? errors.scopes : null;

  return (
    <form method="post" action={`/request/${encodeURIComponent(slug)}/send`} noValidate onSubmit={check} className="space-y-8">
      <input type="hidden" name="token" value={token} />
      {/* Hidden from people and assistive technology alike; a form-filling bot fills it and is ignored. */}
      <div aria-hidden className="absolute -left-[10000px] size-px overflow-hidden">
        <label>
          Website
          <input type="text" name={HONEYPOT_FIELD_NAME} tabIndex={-1} autoComplete="off" defaultValue="" />
        </label>
      </div>
      <Card className="max-w-3xl space-y-5 p-4 sm:p-6">
        <h2 className="text-base font-semibold">About you</h2>
        <Field label="Your name" errors={errors.requesterName}>
          <Input {...text("requesterName")} maxLength={REQUESTER_NAME_MAX} autoComplete="name" required />
        </Field>
        <Field label="Company" errors={errors.company}>
          <Input {...text("company")} maxLength={COMPANY_MAX} autoComplete="organization" required />
        </Field>
        <Field label="Email" errors={errors.email} hint="Where the workspace's team can reach you about this request.">
          <Input {...text("email")} type="email" maxLength={254} autoComplete="email" required />
        </Field>
        <Field label="What will the integration do?" errors={errors.purpose}>
          <textarea
            {...text("purpose")}
            maxLength={PURPOSE_MAX}
            rows={4}
            required
            className="block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent aria-invalid:border-danger"
          />
        </Field>
      </Card>

      <section aria-labelledby={`${id}-access`} className="space-y-4">
        <div>
          <h2 id={`${id}-access`} className="text-base font-semibold">
            Access wanted
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-fg-muted">
            What the key should allow on each API resource. Read allows GET requests; Full access also allows POST, PATCH and DELETE. Say
            why, if it is not obvious: it helps the review.
          </p>
        </div>
        {scopeErrors ? (
          <div id={`${id}-scope-errors`} className="rounded-md border border-danger px-3 py-2 text-sm text-danger">
            {scopeErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        ) : null}
        {scopes.map((scope) => (
          <input key={scope} type="hidden" name="scope" value={scope} />
        ))}
        <ScopeMatrix
          value={access}
          onChange={(next) => {
            setAccess(next);
            setErrors({ ...errors, scopes: undefined });
          }}
          reasons={{
            values: reasons,
            onChange: (resource, reason) => setReasons({ ...reasons, [resource]: reason }),
            fieldPrefix: REASON_FIELD_PREFIX,
            maxLength: REASON_MAX,
          }}
        />
      </section>

      <Card className="max-w-3xl space-y-4 p-4 sm:p-6">
        <div id={`${id}-expiry`} className="text-base font-semibold">
          Wished expiry
        </div>
        <ExpirationChoices name="expiration" aria-labelledby={`${id}-expiry`} value={expiration} onChoose={setExpiration} />
        {errors.expiration ? <p className="text-sm text-danger">{errors.expiration[0]}</p> : null}
        {expiration === "custom" ? (
          <div className="max-w-xs">
            <Field label="Expiry date" errors={errors.expiresOn}>
              <Input
                type="date"
                name="expiresOn"
                value={expiresOn}
                min={utcDate(new Date())}
                onChange={(event) => {
                  setExpiresOn(event.target.value);
                  setErrors({ ...errors, expiresOn: undefined });
                }}
              />
            </Field>
          </div>
        ) : null}
      </Card>

      <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
        <p className="text-sm text-fg-muted">
          {scopes.length ? `You ask for ${summarizeAccess(catalog, scopes)}.` : "Choose at least one resource above."}
        </p>
        <Button type="submit">Send request</Button>
      </div>
    </form>
  );
}
