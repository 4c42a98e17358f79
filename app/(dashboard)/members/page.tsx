import { InviteMember } from "@/components/members/invite-member";
import { MemberActions } from "@/components/members/member-actions";
import { RevokeInvitationButton } from "@/components/members/revoke-invitation-button";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { NoAccess } from "@/components/ui/no-access";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { pageAccess } from "@/lib/auth/page-access";
import { can } from "@/lib/auth/permissions";
import { isRole, ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { listPendingInvitations } from "@/lib/members/invitations";
import { listMembers } from "@/lib/members/members";

export const metadata = { title: "Members" };

export default async function MembersPage() {
  const { context, allowed } = await pageAccess("members.read");
  if (!allowed) return <NoAccess what="members" />;
  const { current, user } = context;
  const canManage = can(current.role, "members.manage");
  const canResetPasswords = can(current.role, "members.reset_password");
  const hasActions = canManage || canResetPasswords;
  const canInvite = can(current.role, "members.invite");
  // The roles this member may hand out: their own and below (an Admin never invites an Owner).
  const invitableRoles = ROLES.filter((role) => ROLES.indexOf(role) >= ROLES.indexOf(current.role));
  const invitations = canInvite ? await listPendingInvitations(current.workspaceId) : [];
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
        actions={canInvite ? <InviteMember roles={invitableRoles} workspaceName={current.workspaceName} /> : undefined}
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
      {canInvite ? (
        <section aria-labelledby="pending-invitations" className="mt-8 space-y-3">
          <h2 id="pending-invitations" className="text-lg font-semibold">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="text-sm text-fg-muted">No pending invitations. Use “Invite member” to add someone.</p>
          ) : (
            <Card className="relative overflow-x-auto">
              <table className="w-full text-left text-sm">
                <caption className="sr-only">Pending invitations to {current.workspaceName}</caption>
                <TableHead
                  columns={[
                    { label: "Email" },
                    { label: "Role" },
                    { label: "Expires", from: "sm" },
                    { label: "Actions", hiddenLabel: true, align: "right" as const },
                  ]}
                />
                <tbody className="divide-y divide-border">
                  {invitations.map((invitation) => (
                    <tr key={invitation.id}>
                      <td className="px-4 py-3">
                        <div className="font-medium break-all">{invitation.email}</div>
                        <div className="text-fg-muted">Invited by {invitation.createdByLabel}</div>
                      </td>
                      <td className="px-4 py-3">{isRole(invitation.role) ? ROLE_LABELS[invitation.role] : invitation.role}</td>
                      <td className="hidden px-4 py-3 text-fg-muted sm:table-cell">{formatDate(invitation.expiresAt)}</td>
                      <td className="px-4 py-3 text-right">
                        <RevokeInvitationButton invitationId={invitation.id} email={invitation.email} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )}
        </section>
      ) : null}
    </>
  );
}
