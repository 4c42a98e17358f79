import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { CreateWorkspaceForm } from "@/components/shell/create-workspace-form";
import { Card } from "@/components/ui/card";
import { getSessionContext } from "@/lib/auth/current";

export const metadata = { title: "No workspace" };

export default async function NoWorkspacePage() {
  const context = await getSessionContext();
  if (!context) redirect("/login");
  if (context.current) redirect("/keys");
  return (
    <main className="grid min-h-dvh place-items-center px-4">
      <Card className="max-w-md space-y-4 p-6">
        <h1 className="text-xl font-semibold">You are not a member of any workspace</h1>
        <p className="text-sm text-fg-muted">
          Signed in as {context.user.email}. Ask an Owner of a workspace to invite you, or create a workspace of your own.
        </p>
        <CreateWorkspaceForm />
        <SignOutButton />
      </Card>
    </main>
  );
}
