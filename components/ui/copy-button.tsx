"use client";
import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { toast } from "sonner";
import { Button } from "./button";

const COPIED_FOR_MS = 2000;

/**
 * Copies text to the clipboard, says so for two seconds, and tells how to copy by hand if it cannot.
 * `context` completes the name for assistive technology where several such buttons share a page
 * ("Copy" + " example: List profiles"), keeping the visible text at the start of that name.
 */
export function CopyButton({
  text,
  label,
  context,
  toastMessage,
  onCopied,
  onFailure,
}: {
  text: string;
  label: string;
  context?: string;
  toastMessage: string;
  onCopied?: () => void;
  onFailure?: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      // navigator.clipboard is missing on plain http (other than localhost), which self-hosters may run.
      if (!navigator.clipboard) throw new Error("Clipboard unavailable");
      await navigator.clipboard.writeText(text);
    } catch {
      onFailure?.();
      toast.error("Couldn't copy. Select the text and press Ctrl+C (⌘C on a Mac).");
      return;
    }
    setCopied(true);
    onCopied?.();
    toast.success(toastMessage);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied(false), COPIED_FOR_MS);
  }

  return (
    <Button variant="secondary" onClick={copy} className="min-w-28 shrink-0">
      {copied ? <Check aria-hidden className="size-4 text-success" /> : <Copy aria-hidden className="size-4" />}
      {copied ? "Copied" : label}
      {context ? <span className="sr-only">{` ${context}`}</span> : null}
    </Button>
  );
}
