import type { ReactNode } from "react";
import { StepUpProvider } from "@/components/auth/step-up";
import { CatalogProvider } from "@/components/catalog-provider";
import { DashboardShell } from "@/components/shell/dashboard-shell";
import { QueryProvider } from "@/components/shell/query-provider";
import { confirmationMethods } from "@/lib/auth/confirm-identity";
import { requireWorkspaceContext } from "@/lib/auth/current";
import { loadedCatalog } from "@/lib/scopes/loaded-catalog";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const context = await requireWorkspaceContext();
  // Read per render: setting up or turning off the app on the Security page refreshes this layout.
  const methods = await confirmationMethods(context.user.id);
  return (
    <DashboardShell context={context}>
      <QueryProvider>
        <StepUpProvider methods={methods}>
          <CatalogProvider catalog={loadedCatalog()}>{children}</CatalogProvider>
        </StepUpProvider>
      </QueryProvider>
    </DashboardShell>
  );
}
