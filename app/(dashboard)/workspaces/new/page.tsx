import { CreateWorkspaceForm } from "@/components/shell/create-workspace-form";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceContext } from "@/lib/auth/current";

export const metadata = { title: "Create workspace" };

export default async function NewWorkspacePage() {
  await requireWorkspaceContext();
  return (
    <>
      <PageHeader
        title="Create workspace"
        description="A workspace has its own keys, members, usage and audit log. You become its Owner and switch to it."
      />
      <Card className="max-w-md p-6">
        <CreateWorkspaceForm />
      </Card>
    </>
  );
}
