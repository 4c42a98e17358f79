import type { ReactNode } from "react";
import { StepUpProvider } from "@/components/auth/step-up";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { QueryProvider } from "@/components/shell/query-provider";
import { requireWorkspaceContext } from "@/lib/auth/current";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const context = await requireWorkspaceContext();
  return (
    <DashboardShell context={context}>
      <QueryProvider>
        <StepUpProvider>{children}</StepUpProvider>
      </QueryProvider>
    </DashboardShell>
  );
}
