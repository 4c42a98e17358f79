import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthPage } from "@/components/auth/auth-page";
import { SetupForm } from "@/components/auth/setup-form";
import { setupPending } from "@/lib/setup/first-run";

export const metadata: Metadata = { title: "Set up Keysmith" };

export default async function SetupPage() {
  if (!(await setupPending())) redirect("/login");
  return (
    <AuthPage
      title="Set up Keysmith"
      wide
      description="Create the first account. It becomes the Owner of a new workspace. This page works once, with the setup code from the server log."
    >
      <SetupForm />
    </AuthPage>
  );
}
