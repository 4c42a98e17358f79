import type { Metadata } from "next";
import Link from "next/link";
import { AuthPage } from "@/components/auth/auth-page";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { mailConfigured } from "@/lib/mail/mailer";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

export default function ForgotPasswordPage() {
  return (
    <AuthPage
      title="Forgot password"
      description={
        mailConfigured()
          ? "Enter the email you sign in with. We send a link to choose a new password."
          : "Email is not set up on this Keysmith. Ask an Owner or Admin of your workspace: they can make a reset link for you on the Members page."
      }
    >
      {mailConfigured() ? <ForgotPasswordForm /> : null}
      <p className="mt-4 text-center text-sm">
        <Link href="/login" className="text-accent underline-offset-2 hover:underline">
          Back to sign in
        </Link>
      </p>
    </AuthPage>
  );
}
