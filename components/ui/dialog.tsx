"use client";
import * as AlertDialogPrimitive from "@radix-ui/react-alert-dialog";
import * as DialogPrimitive from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "./button";
import { FormError } from "./form-error";

// Overlay and content share one z-index, so the page order of the portals decides what is in front: a
// dialog opened over another (e.g. "Confirm it's you" over Revoke) puts its overlay above the one behind,
// which is then dimmed as the page is. Distinct z-indexes would lift every dialog above every overlay.
const LAYER = "z-50";
const OVERLAY = `fixed inset-0 ${LAYER} bg-black/50`;
const CONTENT = `fixed left-1/2 top-1/2 ${LAYER} max-h-[calc(100dvh-2rem)] w-[calc(100vw-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg border border-border bg-surface p-6 text-fg shadow-xl focus:outline-none`;

// Top right, and last in the markup so that opening a dialog still focuses its first field or Cancel.
const CLOSE_BUTTON =
  "absolute top-3 right-3 grid size-9 place-items-center rounded-md text-fg-muted hover:bg-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent";

type DialogProps = {
  /** The button that opens the dialog; focus returns to it when the dialog closes. */
  trigger?: ReactNode;
  /** Without a trigger (the page opens the dialog): where focus goes back when it closes. */
  returnFocusTo?: HTMLElement | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: ReactNode;
  children: ReactNode;
  /**
   * False while closing would lose something that cannot be shown again (a new secret): no close
   * button, and neither Escape nor a click outside closes it; only the dialog's own action does.
   */
  dismissible?: boolean;
  /** Replaces returning focus to the trigger (call `event.preventDefault()`), e.g. when the trigger is gone. */
  onCloseAutoFocus?: (event: Event) => void;
};

function keepOpen(event: Event) {
  event.preventDefault();
}

/** A modal dialog (Radix): focus is trapped, Escape or the close button closes, and focus returns to the trigger. */
export function Dialog({
  trigger,
  returnFocusTo,
  open,
  onOpenChange,
  title,
  description,
  children,
  dismissible = true,
  onCloseAutoFocus,
}: DialogProps) {
  return (
    <DialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <DialogPrimitive.Trigger asChild>{trigger}</DialogPrimitive.Trigger> : null}
      <DialogPrimitive.Portal>
        <DialogPrimitive.Overlay className={OVERLAY} />
        <DialogPrimitive.Content
          className={CONTENT}
          onEscapeKeyDown={dismissible ? undefined : keepOpen}
          onPointerDownOutside={dismissible ? undefined : keepOpen}
          onInteractOutside={dismissible ? undefined : keepOpen}
          onCloseAutoFocus={(event) => {
            if (onCloseAutoFocus) return onCloseAutoFocus(event);
            if (trigger || !returnFocusTo?.isConnected) return;
            event.preventDefault();
            returnFocusTo.focus();
          }}
        >
          <DialogPrimitive.Title className={dismissible ? "pr-8 text-lg font-semibold" : "text-lg font-semibold"}>
            {title}
          </DialogPrimitive.Title>
          <DialogPrimitive.Description className="mt-1 text-sm text-fg-muted">{description}</DialogPrimitive.Description>
          <div className="mt-4">{children}</div>
          {dismissible ? (
            <DialogPrimitive.Close aria-label="Close" className={CLOSE_BUTTON}>
              <X aria-hidden className="size-4" />
            </DialogPrimitive.Close>
          ) : null}
        </DialogPrimitive.Content>
      </DialogPrimitive.Portal>
    </DialogPrimitive.Root>
  );
}

export const DialogClose = DialogPrimitive.Close;

/**
 * A confirmation for something that cannot be undone: it opens with focus on Cancel. Without a
 * trigger it is opened by the page (e.g. when the person tries to leave).
 */
export function ConfirmDialog({
  trigger,
  open,
  onOpenChange,
  title,
  description,
  children,
  onCloseAutoFocus,
}: Omit<DialogProps, "trigger" | "dismissible" | "returnFocusTo"> & { trigger?: ReactNode }) {
  return (
    <AlertDialogPrimitive.Root open={open} onOpenChange={onOpenChange}>
      {trigger ? <AlertDialogPrimitive.Trigger asChild>{trigger}</AlertDialogPrimitive.Trigger> : null}
      <AlertDialogPrimitive.Portal>
        <AlertDialogPrimitive.Overlay className={OVERLAY} />
        <AlertDialogPrimitive.Content className={CONTENT} onCloseAutoFocus={onCloseAutoFocus}>
          <AlertDialogPrimitive.Title className="pr-8 text-lg font-semibold">{title}</AlertDialogPrimitive.Title>
          <AlertDialogPrimitive.Description className="mt-1 text-sm text-fg-muted">{description}</AlertDialogPrimitive.Description>
          <div className="mt-4">{children}</div>
          {/* Closing a confirmation is the same as Cancel. Not a second AlertDialog.Cancel: Radix focuses the last one on open. */}
          <button type="button" aria-label="Close" className={CLOSE_BUTTON} onClick={() => onOpenChange(false)}>
            <X aria-hidden className="size-4" />
          </button>
        </AlertDialogPrimitive.Content>
      </AlertDialogPrimitive.Portal>
    </AlertDialogPrimitive.Root>
  );
}

export const ConfirmCancel = AlertDialogPrimitive.Cancel;

/** The end of a confirmation: what went wrong, if anything, then Cancel (focused first) and the action. */
export function ConfirmFooter({
  error,
  confirmLabel,
  pendingLabel,
  pending,
  onConfirm,
}: {
  error?: string;
  confirmLabel: string;
  pendingLabel: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <>
      {error ? (
        <p role="alert" className="mb-3 text-sm text-danger">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <ConfirmCancel asChild>
          <Button variant="secondary">Cancel</Button>
        </ConfirmCancel>
        <Button variant="danger" disabled={pending} onClick={onConfirm}>
          {pending ? pendingLabel : confirmLabel}
        </Button>
      </div>
    </>
  );
}

/**
 * The end of a dialog's form: what went wrong, if anything, then Cancel and the primary action, which
 * submits the form around it unless `onAction` is given.
 */
export function DialogFooter({
  error,
  actionLabel,
  pendingLabel,
  pending,
  disabled = false,
  onAction,
}: {
  error?: string;
  actionLabel: string;
  pendingLabel: string;
  pending: boolean;
  disabled?: boolean;
  onAction?: () => void;
}) {
  return (
    <>
      <FormError message={error} />
      <div className="flex justify-end gap-2">
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type={onAction ? "button" : "submit"} disabled={pending || disabled} onClick={onAction}>
          {pending ? pendingLabel : actionLabel}
        </Button>
      </div>
    </>
  );
}
