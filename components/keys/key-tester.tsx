"use client";
import { CircleCheck, CircleX } from "lucide-react";
import Link from "next/link";
import { type FormEvent, useState } from "react";
import { useCatalog } from "@/components/catalog-provider";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { explainRequest, type RequestExplanation } from "@/lib/api/explain-request";
import type { KeyStatus } from "@/lib/api-keys/status";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * "Would this be allowed?": explains, in the browser and without sending anything, what the API would
 * answer a method and path sent with this key. The grant link is for those who may edit the key.
 */
export function KeyTester({
  keyId,
  scopes,
  status,
  ipAllowList,
  canGrant,
}: {
  keyId: string;
  scopes: string[];
  status: KeyStatus;
  ipAllowList: string[];
  canGrant: boolean;
}) {
  const [result, setResult] = useState<RequestExplanation | null>(null);
  const catalog = useCatalog();

  function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setResult(explainRequest({ catalog, method: String(form.get("method")), path: String(form.get("path")), scopes, status, ipAllowList }));
  }

  return (
    <section aria-labelledby="key-tester-title" className="space-y-3">
      <div>
        <h2 id="key-tester-title" className="text-base font-semibold">
          Would this be allowed?
        </h2>
        <p className="text-sm text-fg-muted">Checks a request against this key&apos;s access. Nothing is sent.</p>
      </div>
      <form onSubmit={check} className="grid grid-cols-[6.5rem_minmax(0,1fr)] gap-3">
        <Field label="Method">
          <Select name="method" defaultValue="GET">
            {METHODS.map((method) => (
              <option key={method}>{method}</option>
            ))}
          </Select>
        </Field>
        <Field label="Path">
          <Input name="path" placeholder="/api/v1/profiles" autoComplete="off" spellCheck={false} className="font-mono" />
        </Field>
        <Button type="submit" variant="secondary" className="col-span-2 justify-self-start">
          Check
        </Button>
      </form>
      <div role="status" aria-live="polite" className="text-sm">
        {result ? (
          <div className="flex gap-2">
            {result.allowed ? (
              <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
            ) : (
              <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-danger" />
            )}
            <div className="min-w-0 space-y-1 break-words">
              <p className="font-medium">{result.message}</p>
              {result.note ? <p className="text-fg-muted">{result.note}</p> : null}
              {result.grantScope && canGrant ? (
                <Link href={`/keys/${keyId}/edit?grant=${result.grantScope}`} className="inline-block underline underline-offset-2">
                  Grant {result.grantScope}
                </Link>
              ) : null}
            </div>
          </div>
        ) : null}
      </div>
    </section>
  );
}
