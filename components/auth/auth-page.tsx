import { KeyRound } from "lucide-react";
import type { ReactNode } from "react";

/** The frame of the pages a signed-out visitor sees: sign in, forgot password, reset password. */
export function AuthPage({ title, description, children }: { title: string; description: ReactNode; children: ReactNode }) {
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
          <KeyRound aria-hidden className="size-6 text-accent" />
          Keysmith
        </div>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">{title}</h1>
        <p className="mb-6 text-sm text-fg-muted">{description}</p>
        {children}
      </div>
    </main>
  );
}
