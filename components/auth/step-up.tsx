"use client";
import { type HookBaseOptions, type SingleInputActionFn, type UseActionHookReturn, useAction } from "next-safe-action/hooks";
import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";
import type { ConfirmationMethods } from "@/lib/auth/confirm-identity";
import { STEP_UP_REQUIRED } from "@/lib/validation/step-up";
import type { z } from "@/lib/validation/zod";
import { ConfirmIdentityDialog } from "./confirm-identity-dialog";

/** What a refused action says when the person closes "Confirm it's you": never the code itself. */
export const CONFIRMATION_CANCELLED = "Confirm it's you to do this.";

/**
 * Opens "Confirm it's you"; resolves true once the server accepted the proof, false if it was closed.
 * `origin` (what the person used to ask for the change) gets focus back when the dialog closes.
 */
export type RequestConfirmation = (origin: Element | null) => Promise<boolean>;

const StepUpContext = createContext<RequestConfirmation | null>(null);

/**
 * Mounted once around the dashboard: the one "Confirm it's you" dialog every sensitive form shares.
 * `methods` (read by the server) says which codes besides the password this person can confirm with.
 */
export function StepUpProvider({ methods, children }: { methods: ConfirmationMethods; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [origin, setOrigin] = useState<HTMLElement | null>(null);
  const pending = useRef<((confirmed: boolean) => void) | null>(null);

  const settle = useCallback((confirmed: boolean) => {
    pending.current?.(confirmed);
    pending.current = null;
    setOpen(false);
  }, []);

  const requestConfirmation = useCallback<RequestConfirmation>(
    (from) =>
      new Promise<boolean>((resolve) => {
        // A second refusal while the dialog is open waits for the same answer instead of stacking dialogs.
        const previous = pending.current;
        pending.current = (confirmed) => {
          previous?.(confirmed);
          resolve(confirmed);
        };
        setOrigin(from instanceof HTMLElement ? from : null);
        setOpen(true);
      }),
    [],
  );

  return (
    <StepUpContext.Provider value={requestConfirmation}>
      {children}
      <ConfirmIdentityDialog
        methods={methods}
        open={open}
        returnFocusTo={origin}
        onConfirmed={() => settle(true)}
        onCancel={() => settle(false)}
      />
    </StepUpContext.Provider>
  );
}

/** The dialog's opener; outside React components (a toast's button) take it from here and pass it on. */
export function useRequestConfirmation(): RequestConfirmation {
  const requestConfirmation = useContext(StepUpContext);
  if (!requestConfirmation) throw new Error("useRequestConfirmation needs a StepUpProvider above it.");
  return requestConfirmation;
}

/**
 * Calls an action outside a hook (e.g. from a toast) and, when the server answers step_up_required,
 * asks the person to confirm and calls it once more; a closed dialog turns into CONFIRMATION_CANCELLED.
 */
export async function callConfirmed<Result extends { serverError?: unknown } | undefined>(
  call: () => Promise<Result>,
  requestConfirmation: RequestConfirmation,
): Promise<Result> {
  const origin = document.activeElement;
  const first = await call();
  if (first?.serverError !== STEP_UP_REQUIRED) return first;
  if (await requestConfirmation(origin)) return call();
  return { ...first, serverError: CONFIRMATION_CANCELLED };
}

/**
 * `useAction` for actions the server may refuse until the person confirms it's them: on
 * step_up_required it opens "Confirm it's you", then sends the same input once more. While the dialog
 * is open the form shows no error; if it is closed, the form shows CONFIRMATION_CANCELLED. Every
 * action's schema here is zod, which is a Standard Schema, so the generics match useAction's own.
 */
export function useConfirmedAction<ServerError, Schema extends z.ZodType | undefined, ShapedErrors, Data>(
  action: SingleInputActionFn<ServerError, Schema, ShapedErrors, Data>,
  options: HookBaseOptions<ServerError, Schema, ShapedErrors, Data> = {},
): UseActionHookReturn<ServerError, Schema, ShapedErrors, Data> {
  const requestConfirmation = useRequestConfirmation();
  const [awaitingConfirmation, setAwaitingConfirmation] = useState(false);
  // Only the person's own submission may ask; the retry after a confirmation never asks again.
  const retried = useRef(false);
  // Read when the person submits: by the time the server refuses, the pending button may be disabled.
  const origin = useRef<Element | null>(null);
  const hook = useAction(action, {
    ...options,
    onError: (args) => {
      if (args.error.serverError !== STEP_UP_REQUIRED || retried.current) return options.onError?.(args);
      setAwaitingConfirmation(true);
      void requestConfirmation(origin.current).then((confirmed) => {
        setAwaitingConfirmation(false);
        if (confirmed) {
          retried.current = true;
          hook.execute(args.input as Parameters<typeof hook.execute>[0]);
        } else {
          void options.onError?.({ ...args, error: { ...args.error, serverError: CONFIRMATION_CANCELLED as ServerError } });
        }
      });
    },
  });

  const execute: typeof hook.execute = (input) => {
    retried.current = false;
    origin.current = document.activeElement;
    hook.execute(input);
  };
  const refused = hook.result.serverError === STEP_UP_REQUIRED;
  const result = refused ? { ...hook.result, serverError: awaitingConfirmation ? undefined : CONFIRMATION_CANCELLED } : hook.result;
  return { ...hook, execute, result } as typeof hook;
}
