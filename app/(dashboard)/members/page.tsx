import { MemberActions } from "@/components/members/member-actions";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { isRole, ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { listMembers } from "@/lib/members/members";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const { context, allowed } = await pageAccess("members.read");
  if (!allowed) return <NoAccess what="members" />;
  const { current, user } = context;
  const canManage = can(current.role, "members.manage");
  const canResetPasswords = can(current.role, "members.reset_password");
  const hasActions = canManage || canResetPasswords;
  const members = (await listMembers(current.workspaceId)).flatMap((m) => (isRole(m.role) ? [{ ...m, role: m.role }] : []));

  return (
    <>
      <PageHeader
        title="Members"
        description={
          canManage
            ? `People with access to ${current.workspaceName}. You can change roles and remove members.`
            : `People with access to ${current.workspaceName}. Only an Owner can change roles.`
        }
      />
      <Card className="relative overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members of {current.workspaceName}</caption>
          <TableHead
            columns={[
              { label: "Member" },
              { label: "Role" },
              { label: "Joined", from: "sm" },
              ...(hasActions ? [{ label: "Actions", hiddenLabel: true, align: "right" as const }] : []),
            ]}
          />
          <tbody className="divide-y divide-border">
            {members.map((m) => (
              <tr key={m.id}>
                <td className="px-4 py-3">
                  <div className="font-medium">
                    {m.user.name}
                    {m.user.id === user.id ? <span className="text-fg-muted"> (you)</span> : null}
                  </div>
                  <div className="text-fg-muted">{m.user.email}</div>
                </td>
                <td className="px-4 py-3">
                  <Badge tone={m.role === "OWNER" ? "accent" : "neutral"}>{ROLE_LABELS[m.role]}</Badge>
                </td>
                <td className="hidden px-4 py-3 text-fg-muted sm:table-cell">{formatDate(m.createdAt)}</td>
                {hasActions ? (
                  <td className="px-4 py-3">
                    <MemberActions
                      member={{ id: m.id, name: m.user.name, email: m.user.email, role: m.role }}
                      workspaceName={current.workspaceName}
                      isSelf={m.user.id === user.id}
                      canManage={canManage}
                      // The server refuses it too (an Admin cannot reset an Owner); here it is not offered.
                      canCreateResetLink={canResetPasswords && m.user.id !== user.id && (m.role !== "OWNER" || current.role === "OWNER")}
                    />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
