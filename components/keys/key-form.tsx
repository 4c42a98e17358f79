"use client";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { formatDate } from "@/lib/format";
import type { RateLimit } from "@/lib/rate-limit/rate-limit";
import { summarizeAccess } from "@/lib/scopes/access-summary";
import type { IntegrationTemplate } from "@/lib/scopes/catalog";
import { expirationForDays } from "@/lib/scopes/prefill";
import { type AccessMap, goneScopes, PRESETS, type Preset, presetOf, type Scope, toAccessMap, toScopes } from "@/lib/scopes/scopes";
import {
  createKeySchema,
  type ExpirationChoice,
  expiryFor,
  IP_ALLOW_LIST_MAX,
  KEY_DESCRIPTION_MAX,
  KEY_NAME_MAX,
  MAX_CUSTOM_EXPIRY_DAYS,
  updateKeySchema,
  utcDate,
} from "@/lib/validation/keys";
import { z } from "@/lib/validation/zod";
import { AccessPresets } from "./access-presets";
import { CopyFormLink } from "./copy-form-link";
import { ExpirationChoices } from "./expiration-choices";
import { GoneScopes } from "./gone-scopes";
import { IntegrationTemplates } from "./integration-templates";
import { useLeaveGuard } from "./leave-guard";
import { draftOf, limitOf, RateLimitField } from "./rate-limit-field";
import { ScopeMatrix } from "./scope-matrix";

const DAY_MS = 24 * 60 * 60 * 1000;

export type FormErrors = {
  formErrors: string[];
  fieldErrors: Partial<Record<"name" | "description" | "ipAllowList" | "rateLimit" | "scopes" | "expiration" | "expiresOn", string[]>>;
};
type FieldName = keyof FormErrors["fieldErrors"];

/** What the form submits: creating sends the expiration too; editing keeps the key's. */
export type KeyFormValues = {
  name: string;
  description: string;
  ipAllowList: string;
  rateLimit: RateLimit | null;
  scopes: string[];
  expiration?: ExpirationChoice;
  expiresOn?: string;
};

/** What the form opens with: a key's values when editing; when creating, a prefilled link's (lib/scopes/prefill.ts). */
export type KeyFormInitial = {
  name: string;
  description: string;
  ipAllowList: string[];
  /** Left out: `defaultRateLimit`. */
  rateLimit?: RateLimit | null;
  scopes: string[];
  expiration?: ExpirationChoice;
  expiresOn?: string;
};

function expiryHint(expiration: ExpirationChoice, expiresOn: string): string {
  if (expiration === "never") return "The key works until you revoke it.";
  if (expiration === "custom") {
    return expiresOn
      ? `The key stops working at the end of ${formatDate(new Date(expiresOn))} (UTC).`
      : "Choose the last day the key works.";
  }
  return `The key stops working on ${formatDate(expiryFor({ expiration })!)}.`;
}

/** The key form: details, expiration (when creating) and the scope matrix, validated as the server does. */
export function KeyForm({
  mode,
  initial,
  cancelHref,
  pending,
  serverErrors,
  serverError,
  onSubmit,
  submitLabel,
  highlightScope,
  offerTemplatesAndLink = true,
  defaultRateLimit = null,
}: {
  mode: "create" | "edit";
  initial?: KeyFormInitial;
  cancelHref: string;
  pending: boolean;
  serverErrors?: FormErrors;
  serverError?: string;
  onSubmit: (values: KeyFormValues) => void;
  /** Replaces "Create key" (approving an access request: "Approve and create key"). */
  submitLabel?: string;
  /** A scope someone asked to grant, shown and focused in the matrix (ScopeMatrix's highlight). */
  highlightScope?: Scope;
  /**
   * Creating offers integration templates and "Copy link"; reviewing someone's access request does not:
   * the request already says what is wanted, and a link to it would only send it round again.
   */
  offerTemplatesAndLink?: boolean;
  /** A new key's limit unless `initial` says otherwise: DEFAULT_KEY_RATE_LIMIT, read by the page. */
  defaultRateLimit?: RateLimit | null;
}) {
  const id = useId();
  const catalog = useCatalog();
  const [name, setName] = useState(initial?.name ?? "");
  const [description, setDescription] = useState(initial?.description ?? "");
  const [ipAllowList, setIpAllowList] = useState(initial?.ipAllowList.join("\n") ?? "");
  const initialRateLimit = draftOf(initial?.rateLimit === undefined ? defaultRateLimit : initial.rateLimit);
  const [rateLimit, setRateLimit] = useState(initialRateLimit);
  const [expiration, setExpiration] = useState<ExpirationChoice>(initial?.expiration ?? "90");
  const [expiresOn, setExpiresOn] = useState(initial?.expiresOn ?? "");
  const [access, setAccess] = useState<AccessMap>(() => toAccessMap(catalog, initial?.scopes ?? []));
  // What the person set in the matrix themselves, which "Custom" brings back after a preset.
  const [customAccess, setCustomAccess] = useState<AccessMap>(access);
  const [preset, setPreset] = useState<Preset>(() => (initial ? presetOf(catalog, toAccessMap(catalog, initial.scopes)) : "custom"));
  const [template, setTemplate] = useState<IntegrationTemplate | null>(null);
  const [clientErrors, setClientErrors] = useState<FormErrors | null>(null);
  // A field's error stays until the user changes that field, not until the next submit.
  const [edited, setEdited] = useState<ReadonlySet<FieldName>>(new Set());
  const errors = clientErrors ?? serverErrors;
  const fieldErrors = Object.fromEntries(
    Object.entries(errors?.fieldErrors ?? {}).filter(([field]) => !edited.has(field as FieldName)),
  ) as FormErrors["fieldErrors"];
  const scopeErrors = edited.has("scopes") ? [] : [...(errors?.formErrors ?? []), ...(fieldErrors.scopes ?? [])];

  const formRef = useRef<HTMLFormElement>(null);
  const scopeErrorsRef = useRef<HTMLDivElement>(null);

  // After a refused submit, take the user to the first problem, in the order of the form.
  useEffect(() => {
    if (!errors) return;
    const first = formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    // A radio group takes focus through its chosen radio.
    const target =
      first?.getAttribute("role") === "radiogroup" ? first.querySelector<HTMLElement>("[role=radio][data-state=checked]") : first;
    (target ?? scopeErrorsRef.current)?.focus();
  }, [errors]);

  function edit(...fields: FieldName[]) {
    if (fields.some((field) => !edited.has(field))) setEdited(new Set([...edited, ...fields]));
  }

  function choosePreset(next: Preset) {
    edit("scopes");
    setPreset(next);
    setAccess(next === "custom" ? customAccess : PRESETS[next](catalog));
  }

  function changeAccess(next: AccessMap) {
    edit("scopes");
    showAccess(next);
  }

  function showAccess(next: AccessMap) {
    setAccess(next);
    setCustomAccess(next);
    setPreset(presetOf(catalog, next));
  }

  function chooseTemplate(next: IntegrationTemplate) {
    edit("name", "description", "expiration", "expiresOn", "scopes");
    // What the previous template filled in may be replaced; what the person typed is kept.
    if (name.trim() === "" || name === template?.name) setName(next.name);
    if (description.trim() === "" || description === template?.description) setDescription(next.description);
    const expiry = expirationForDays(next.recommendedExpiryDays);
    setExpiration(expiry.expiration);
    setExpiresOn(expiry.expiresOn ?? "");
    showAccess(toAccessMap(catalog, next.scopes));
    setTemplate(next);
  }

  function submit(event: React.FormEvent) {
    event.preventDefault();
    const input: KeyFormValues =
      mode === "create"
        ? {
            name,
            description,
            ipAllowList,
            rateLimit: limitOf(rateLimit),
            scopes,
            expiration,
            expiresOn: expiration === "custom" ? expiresOn : undefined,
          }
        : { name, description, ipAllowList, rateLimit: limitOf(rateLimit), scopes };
    // Editing validates what it sends: the same rules without the expiration, which an edit keeps.
    const parsed = (mode === "create" ? createKeySchema(catalog) : updateKeySchema(catalog).omit({ keyId: true })).safeParse(input);
    setEdited(new Set());
    if (!parsed.success) {
      setClientErrors(z.flattenError(parsed.error) as FormErrors);
      return;
    }
    setClientErrors(null);
    onSubmit(input);
  }

  const scopes = toScopes(catalog, access);
  const normalizedInitialScopes = toScopes(catalog, toAccessMap(catalog, initial?.scopes ?? [])).join();
  // Stored scopes the catalog no longer has: the form cannot choose them, so saving leaves them out.
  const retired = mode === "edit" ? goneScopes(catalog, initial?.scopes ?? []) : [];
  // A new key's form asks before what was typed is dropped; an edit has the key to go back to.
  // A form that starts filled in (an access request to approve) is started once it differs from that.
  const started =
    mode === "create" &&
    (name !== (initial?.name ?? "") ||
      description !== (initial?.description ?? "") ||
      ipAllowList !== (initial?.ipAllowList.join("\n") ?? "") ||
      JSON.stringify(rateLimit) !== JSON.stringify(initialRateLimit) ||
      expiration !== (initial?.expiration ?? "90") ||
      scopes.join() !== normalizedInitialScopes);
  const guard = useLeaveGuard({
    active: started,
    title: "Discard the new key?",
    description: "What you entered in this form is not saved. The key is created only with “Create key”.",
    stayLabel: "Keep editing",
    leaveLabel: "Discard and leave",
  });
  const today = new Date();
  const expirationLabelId = `${id}-expiration-label`;
  const expirationHintId = `${id}-expiration-hint`;
  const expirationErrorId = `${id}-expiration-error`;
  const scopeErrorsId = `${id}-scope-errors`;

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="space-y-8">
      {guard.dialog}
      {mode === "create" && offerTemplatesAndLink ? <IntegrationTemplates value={template?.id ?? null} onChoose={chooseTemplate} /> : null}
      <Card className="max-w-3xl space-y-5 p-4 sm:p-6">
        <h2 className="text-base font-semibold">Details</h2>
        <Field
          label="Name"
          errors={fieldErrors.name}
          hint="Shown in the key list and the audit log, e.g. “Shopify sync” or “Billing service (prod)”."
        >
          <Input
            value={name}
            onChange={(event) => {
              setName(event.target.value);
              edit("name");
            }}
            required
            maxLength={KEY_NAME_MAX}
            autoComplete="off"
          />
        </Field>
        <Field label="Description" errors={fieldErrors.description} hint="Optional: what the key is for and who holds it.">
          <textarea
            value={description}
            onChange={(event) => {
              setDescription(event.target.value);
              edit("description");
            }}
            maxLength={KEY_DESCRIPTION_MAX}
            rows={3}
            className="block w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-fg placeholder:text-fg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent aria-invalid:border-danger"
          />
        </Field>

        {mode === "create" ? (
          <div className="space-y-2">
            <div id={expirationLabelId} className="text-sm font-medium">
              Expiration
            </div>
            <ExpirationChoices
              aria-labelledby={expirationLabelId}
              aria-describedby={fieldErrors.expiration ? `${expirationHintId} ${expirationErrorId}` : expirationHintId}
              aria-invalid={fieldErrors.expiration ? true : undefined}
              value={expiration}
              onChoose={(next) => {
                setExpiration(next);
                edit("expiration");
              }}
              className="relative"
            />
            <p id={expirationHintId} className="text-xs text-fg-muted" suppressHydrationWarning>
              {expiryHint(expiration, expiresOn)}
            </p>
            {fieldErrors.expiration ? (
              <p id={expirationErrorId} className="text-sm text-danger">
                {fieldErrors.expiration[0]}
              </p>
            ) : null}
          </div>
        ) : null}

        {mode === "create" && expiration === "custom" ? (
          <div className="max-w-xs">
            <Field label="Expiry date" errors={fieldErrors.expiresOn}>
              <Input
                type="date"
                value={expiresOn}
                onChange={(event) => {
                  setExpiresOn(event.target.value);
                  edit("expiresOn");
                }}
                min={utcDate(today)}
                max={utcDate(new Date(today.getTime() + MAX_CUSTOM_EXPIRY_DAYS * DAY_MS))}
                required
              />
            </Field>
          </div>
        ) : null}
      </Card>

      <section aria-labelledby={`${id}-access`} className="space-y-4">
        <div>
          <h2 id={`${id}-access`} className="text-base font-semibold">
            Access
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-fg-muted">
            What the key may do on each API resource. Read allows GET requests; Full access also allows POST, PATCH and DELETE. Grant only
            what the integration needs.
          </p>
        </div>
        <AccessPresets value={preset} onChange={choosePreset} describedBy={scopeErrors.length ? scopeErrorsId : undefined} />
        {scopeErrors.length ? (
          <div
            id={scopeErrorsId}
            ref={scopeErrorsRef}
            tabIndex={-1}
            className="rounded-md border border-danger px-3 py-2 text-sm text-danger focus:outline-2 focus:outline-offset-2 focus:outline-danger"
          >
            {scopeErrors.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        ) : null}
        <GoneScopes scopes={retired}>
          <p>Saving this form removes them from the key.</p>
        </GoneScopes>
        <ScopeMatrix value={access} onChange={changeAccess} highlight={highlightScope} />
      </section>

      {/* After the access, so the details keep their keyboard order: name, description, expiration. */}
      <Card className="max-w-3xl space-y-5 p-4 sm:p-6">
        <h2 className="text-base font-semibold">Network</h2>
        <RateLimitField
          value={rateLimit}
          onChange={(next) => {
            setRateLimit(next);
            edit("rateLimit");
          }}
          errors={fieldErrors.rateLimit}
        />
        <Field
          label="IP allow-list"
          errors={fieldErrors.ipAllowList}
          hint="Optional: one IPv4 or IPv6 address or CIDR range per line, e.g. 203.0.113.0/24 or 2001:db8::/32. Requests from any other address are refused. Empty: any address."
        >
          <textarea
            value={ipAllowList}
            onChange={(event) => {
              setIpAllowList(event.target.value);
              edit("ipAllowList");
            }}
            maxLength={IP_ALLOW_LIST_MAX}
            rows={3}
            spellCheck={false}
            autoComplete="off"
            className="block w-full rounded-md border border-border bg-surface px-3 py-2 font-mono text-sm text-fg placeholder:text-fg-muted focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent aria-invalid:border-danger"
          />
        </Field>
      </Card>

      {/* Sticky, so the summary and the submit stay in reach while going through the 24 resources. */}
      <div className="sticky bottom-0 z-20 -mx-4 space-y-3 border-t border-border bg-canvas px-4 py-3 md:-mx-8 md:px-8">
        {serverError ? (
          <p role="alert" className="rounded-md border border-danger px-3 py-2 text-sm text-danger">
            {serverError}
          </p>
        ) : null}
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between sm:gap-3">
          <p className="text-sm text-fg-muted">
            {scopes.length ? `The key gets ${summarizeAccess(catalog, scopes)}.` : "Choose at least one resource above."}
          </p>
          <div className="flex flex-wrap justify-end gap-2">
            {mode === "create" && offerTemplatesAndLink ? (
              <CopyFormLink
                values={{ name, description, scopes, expiration, expiresOn: expiration === "custom" ? expiresOn : undefined }}
              />
            ) : null}
            <Link href={cancelHref} className={buttonClasses("secondary")}>
              Cancel
            </Link>
            <Button type="submit" disabled={pending}>
              {mode === "create" ? (pending ? "Creating…" : (submitLabel ?? "Create key")) : pending ? "Saving…" : "Save changes"}
            </Button>
          </div>
        </div>
      </div>
    </form>
  );
}
