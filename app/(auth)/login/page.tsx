import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthPage } from "@/components/auth/auth-page";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getSessionContext } from "@/lib/auth/current";
import { mailConfigured } from "@/lib/mail/mailer";
import { setupPending } from "@/lib/setup/first-run";

export const metadata: Metadata = { title: "Sign in" };

type SearchParams = { callbackUrl?: string | string[]; reset?: string | string[] };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { callbackUrl, reset } = await searchParams;
  // A new production instance has nobody to sign in yet: every page leads here, and from here to setup.
  if (await setupPending()) redirect("/setup");
  if (await getSessionContext()) redirect("/keys");
  return (
    <AuthPage title="Sign in" description="Manage your workspace's API keys.">
      {reset === "done" ? (
        <p role="status" className="mb-4 rounded-md border border-success px-3 py-2 text-sm">
          Your password was changed and every session signed out. Sign in with the new password.
        </p>
      ) : null}
      <SignInForm callbackUrl={typeof callbackUrl === "string" ? callbackUrl : undefined} />
      {mailConfigured() ? (
        <p className="mt-4 text-center text-sm">
          <Link href="/forgot-password" className="text-accent underline-offset-2 hover:underline">
            Forgot password?
          </Link>
        </p>
      ) : null}
    </AuthPage>
  );
}
