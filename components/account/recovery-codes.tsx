"use client";
import { TriangleAlert } from "lucide-react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";

/** The one time recovery codes are shown: only their hashes are kept. */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-4">
      <h3 id="recovery-codes-title" className="font-medium">
        Recovery codes
      </h3>
      <div role="status" className="flex gap-3 rounded-md border border-warning p-3 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
        <p>
          <strong className="font-semibold">Save these codes now. You won&apos;t be able to see them again.</strong>{" "}
          <span className="text-fg-muted">Each one signs you in once if you lose your phone or passkey.</span>
        </p>
      </div>
      <ul
        aria-label="Recovery codes"
        className="grid grid-cols-1 gap-1 rounded-md border border-border bg-muted p-3 font-mono text-sm sm:grid-cols-2"
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <div className="flex flex-wrap justify-end gap-2">
        <CopyButton text={codes.join("\n")} label="Copy codes" toastMessage="Recovery codes copied" />
        <Button onClick={onDone}>I&apos;ve saved them</Button>
      </div>
    </section>
  );
}
