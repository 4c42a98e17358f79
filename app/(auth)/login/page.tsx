import { KeyRound } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionContext } from "@/lib/auth/current";
import { setupPending } from "@/lib/setup/first-run";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[] }> }) {
  const { callbackUrl } = await searchParams;
  // A new production instance has nobody to sign in yet: every page leads here, and from here to setup.
  if (await setupPending()) redirect("/setup");
  if (await getSessionContext()) redirect("/keys");
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2 text-lg font-semibold">
          <KeyRound aria-hidden className="size-6 text-accent" />
          Keysmith
        </div>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign in</h1>
        <p className="mb-6 text-sm text-fg-muted">Manage your workspace&apos;s API keys.</p>
        <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      </div>
    </main>
  );
}
