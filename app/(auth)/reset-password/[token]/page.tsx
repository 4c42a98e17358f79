import type { Metadata } from "next";
import { AuthPage } from "@/components/auth/auth-page";
import { ResetPasswordForm } from "@/components/auth/reset-password-form";
import { UnusableResetLink } from "@/components/auth/unusable-reset-link";
import { resetLinkIsUsable } from "@/lib/auth/password-reset";

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Reset password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const usable = await resetLinkIsUsable(token);
  return (
    <AuthPage
      title="Reset password"
      description={usable ? "Choose a new password. Every session of your account is signed out." : "This link cannot be used."}
    >
      {usable ? <ResetPasswordForm token={token} /> : <UnusableResetLink />}
    </AuthPage>
  );
}
