import { ChangeNameForm } from "@/components/account/change-name-form";
import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { TableHead } from "@/components/ui/table-head";
import { describeUserAgent } from "@/lib/accounts/user-agent";
import { requireWorkspaceContext } from "@/lib/auth/current";
import { listSignInHistory, SIGN_IN_HISTORY_DAYS } from "@/lib/auth/sign-in-history";
import { formatDateTime } from "@/lib/format";

export const metadata = { title: "Account" };

export default async function AccountPage() {
  const { user } = await requireWorkspaceContext();
  const history = await listSignInHistory(user.id);
  return (
    <>
      <PageHeader title="Account" description={`Signed in as ${user.email}. These settings are yours, in every workspace.`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card className="space-y-4 p-6">
          <h2 className="text-lg font-semibold">Name</h2>
          <ChangeNameForm name={user.name} />
        </Card>
        <Card className="space-y-4 p-6">
          <div>
            <h2 className="text-lg font-semibold">Password</h2>
            <p className="text-sm text-fg-muted">Changing it signs you out everywhere else; this browser stays signed in.</p>
          </div>
          <ChangePasswordForm userInputs={[user.email, user.name]} />
        </Card>
      </div>
      <section aria-labelledby="sign-in-history" className="mt-8 space-y-3">
        <div>
          <h2 id="sign-in-history" className="text-lg font-semibold">
            Sign-in history
          </h2>
          <p className="text-sm text-fg-muted">
            Every sign-in to your account, and every failed attempt, in the last {SIGN_IN_HISTORY_DAYS} days. Something you do not
            recognise? Change your password.
          </p>
        </div>
        {history.length === 0 ? (
          <p className="text-sm text-fg-muted">No sign-ins recorded yet.</p>
        ) : (
          <Card className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Sign-in history</caption>
              <TableHead
                columns={[{ label: "Time" }, { label: "Result" }, { label: "Address", from: "sm" }, { label: "Browser", from: "sm" }]}
              />
              <tbody className="divide-y divide-border">
                {history.map((attempt) => (
                  <tr key={attempt.id}>
                    <td className="px-4 py-3">
                      <div className="whitespace-nowrap">{formatDateTime(attempt.createdAt)}</div>
                      <div className="text-xs text-fg-muted sm:hidden">
                        {attempt.ip ?? "Unknown address"} · {describeUserAgent(attempt.userAgent)}
                      </div>
                    </td>
                    <td className="px-4 py-3">
                      <Badge tone={attempt.succeeded ? "success" : "danger"}>{attempt.succeeded ? "Success" : "Failed"}</Badge>
                    </td>
                    <td className="hidden px-4 py-3 font-mono text-xs sm:table-cell">{attempt.ip ?? "Unknown"}</td>
                    <td className="hidden px-4 py-3 text-fg-muted sm:table-cell">{describeUserAgent(attempt.userAgent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        )}
      </section>
    </>
  );
}
