"use client";
import { TriangleAlert } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyableField } from "@/components/ui/copyable-field";
import { HandoverLink } from "./handover-link";
import { KeySnippets } from "./key-snippets";
import { useLeaveGuard } from "./leave-guard";
import { TestKeyButton } from "./test-key-button";

/**
 * The one time a secret is shown (after creating or rotating a key). The secret lives only in the
 * caller's React state and in these elements: nothing here stores, logs or puts it in a URL.
 */
export function RevealSecret({
  keyId,
  secret,
  name,
  apiBaseUrl,
  onDone,
}: {
  keyId: string;
  secret: string;
  name: string;
  apiBaseUrl: string;
  onDone: () => void;
}) {
  const id = useId();
  // Until the secret was copied (alone or in a snippet) or "I've saved it" pressed, leaving asks.
  const [copied, setCopied] = useState(false);
  const guard = useLeaveGuard({
    active: !copied,
    title: "Leave without saving the key?",
    description:
      "The secret is shown only this once. If you leave before copying it, the only way to get a working secret is to rotate the key.",
    stayLabel: "Stay and copy the key",
    leaveLabel: "Leave without saving",
  });

  return (
    <div className="space-y-5">
      {guard.dialog}
      <p className="text-sm">
        The key <span className="font-medium">“{name}”</span> was created and works from now on.
      </p>
      <div role="status" id={`${id}-warning`} className="flex gap-3 rounded-md border border-warning p-3 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
        <p>
          <strong className="font-semibold">Copy this key now. You won&apos;t be able to see it again.</strong>{" "}
          <span className="text-fg-muted">Store it in a secret manager or your server&apos;s environment, never in client-side code.</span>
        </p>
      </div>

      <CopyableField
        label="Secret key"
        value={secret}
        toastMessage="Secret key copied"
        describedBy={`${id}-warning`}
        focusOnMount
        large
        onCopied={() => setCopied(true)}
      />

      <section aria-labelledby={`${id}-try`} className="space-y-2">
        <h2 id={`${id}-try`} className="text-sm font-medium">
          Try it
        </h2>
        <KeySnippets baseUrl={apiBaseUrl} secret={secret} onCopied={() => setCopied(true)} />
        <TestKeyButton secret={secret} apiBaseUrl={apiBaseUrl} />
        <p className="text-xs text-fg-muted">
          It answers with the key&apos;s name, scopes and expiry. Every endpoint is in the{" "}
          {/* A new tab: this screen, and the secret on it, stay where they are. */}
          <a href="/docs" target="_blank" rel="noopener" className="underline underline-offset-2">
            API reference<span className="sr-only"> (opens in a new tab)</span>
          </a>
          .
        </p>
      </section>

      <HandoverLink keyId={keyId} secret={secret} onCreated={() => setCopied(true)} />

      {/* Sticky: in a dialog on a phone the secret and the snippets fill the screen, and this is the way out. */}
      <div className="sticky bottom-0 flex justify-end border-t border-border bg-surface pt-3 pb-1">
        <Button onClick={() => guard.release(onDone)}>I&apos;ve saved it</Button>
      </div>
    </div>
  );
}
