import { KeyRound } from "lucide-react";
import type { ReactNode } from "react";

/**
 * The frame of the pages a signed-out visitor sees: sign in, forgot and reset password, first-run
 * setup, an invitation. `wide` is for the longer forms (setup, accepting an invitation).
 */
export function AuthPage({
  title,
  description,
  wide = false,
  children,
}: {
  title: string;
  description?: ReactNode;
  wide?: boolean;
  children: ReactNode;
}) {
  return (
    <main className={`grid min-h-dvh place-items-center px-4 ${wide ? "py-8" : ""}`}>
      <div className={`w-full ${wide ? "max-w-md" : "max-w-sm"}`}>
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
          <KeyRound aria-hidden className="size-6 text-accent" />
          Keysmith
        </div>
        <h1 className={`${description ? "mb-1" : "mb-4"} text-2xl font-semibold tracking-tight`}>{title}</h1>
        {description ? <p className="mb-6 text-sm text-fg-muted">{description}</p> : null}
        {children}
      </div>
    </main>
  );
}
