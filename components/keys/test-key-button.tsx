"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

type KeyAnswer = { data?: { id: string; attributes: { scopes: string[] } }; errors?: { title: string; detail: string }[] };
type Outcome = { state: "idle" | "testing" } | { state: "answered"; status: number; answer: KeyAnswer | null } | { state: "failed" };

function summary(status: number, answer: KeyAnswer | null): string {
  if (status === 200 && answer?.data) {
    const { scopes } = answer.data.attributes;
    return `${status}: the key works. It is ${answer.data.id}, with ${scopes.length ? scopes.join(", ") : "no scopes"}.`;
  }
  const error = answer?.errors?.[0];
  return error ? `${status}: ${error.title}. ${error.detail}` : `${status}: the API answered something unexpected.`;
}

/**
 * "Test this key": the browser itself calls GET /api/v1/key with the new secret, as a client would.
 * The secret goes only in the Authorization header of that one request, never in a URL or a log.
 */
export function TestKeyButton({ secret, apiBaseUrl }: { secret: string; apiBaseUrl: string }) {
  const [outcome, setOutcome] = useState<Outcome>({ state: "idle" });

  async function test() {
    setOutcome({ state: "testing" });
    try {
      const response = await fetch(`${apiBaseUrl}/api/v1/key`, {
        headers: { authorization: `Bearer ${secret}` },
        cache: "no-store",
        credentials: "omit",
      });
      const answer = (await response.json().catch(() => null)) as KeyAnswer | null;
      setOutcome({ state: "answered", status: response.status, answer });
    } catch {
      setOutcome({ state: "failed" });
    }
  }

  return (
    <div className="space-y-2">
      <Button variant="secondary" onClick={test} disabled={outcome.state === "testing"}>
        {outcome.state === "testing" ? "Testing…" : "Test this key"}
      </Button>
      <div role="status" aria-live="polite" className="space-y-2 text-sm">
        {outcome.state === "answered" ? (
          <>
            <p className={outcome.status === 200 ? "font-medium text-success" : "font-medium text-danger"}>
              {summary(outcome.status, outcome.answer)}
            </p>
            {outcome.answer ? (
              <pre className="rounded-md border border-border bg-muted px-3 py-2 font-mono text-xs whitespace-pre-wrap text-fg wrap-anywhere">
                {JSON.stringify(outcome.answer, null, 2)}
              </pre>
            ) : null}
          </>
        ) : null}
        {outcome.state === "failed" ? (
          <p className="font-medium text-danger">The request did not reach the API: check your connection and try again.</p>
        ) : null}
      </div>
    </div>
  );
}
