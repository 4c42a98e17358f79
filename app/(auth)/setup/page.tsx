import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { setupPending } from "@/lib/setup/first-run";

export const metadata: Metadata = { title: "Set up Keysmith" };

export default async function SetupPage() {
  if (!(await setupPending())) redirect("/login");
  return (
    <main className="grid min-h-dvh place-items-center px-4 py-8">
      <div className="w-full max-w-md">
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
          <KeyRound aria-hidden className="size-6 text-accent" />
          Keysmith
        </div>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Set up Keysmith</h1>
        <p className="mb-6 text-sm text-fg-muted">
          Create the first account. It becomes the Owner of a new workspace. This page works once, with the setup code from the server log.
        </p>
        <SetupForm />
      </div>
    </main>
  );
}
