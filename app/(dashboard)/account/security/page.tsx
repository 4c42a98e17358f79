import { AuthenticatorApp } from "@/components/account/authenticator-app";
import { Passkeys } from "@/components/account/passkeys";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireWorkspaceContext } from "@/lib/auth/current";
import { listPasskeys } from "@/lib/two-factor/passkeys";
import { twoFactorStatus } from "@/lib/two-factor/two-factor";

export const metadata = { title: "Security" };

// The signed-in user's own second factors: no workspace permission applies, and this page stays
// open when a workspace requires two-factor and the user has none yet (lib/auth/page-access.ts).
export default async function SecurityPage() {
  const { user, current, needsTwoFactorSetup } = await requireWorkspaceContext();
  const [status, passkeys] = await Promise.all([twoFactorStatus(user.id), listPasskeys(user.id)]);
  return (
    <>
      <PageHeader
        title="Security"
        description="Two-factor authentication: after your password, sign-in asks for a second proof that it is you."
      />
      <div className="space-y-6">
        {needsTwoFactorSetup ? (
          <p role="alert" className="rounded-md border border-warning px-3 py-2 text-sm">
            {current.workspaceName} requires two-factor authentication for Owners and Admins. Set up an authenticator app or add a passkey
            to continue.
          </p>
        ) : null}
        <Card className="p-4 sm:p-6">
          <AuthenticatorApp enabled={status.totp} />
        </Card>
        <Card className="p-4 sm:p-6">
          <Passkeys passkeys={passkeys} />
        </Card>
        {status.totp || status.passkeys ? (
          <p className="text-sm text-fg-muted">
            Recovery codes left: {status.recoveryCodesLeft} of 10. Each signs you in once when your app or passkey is not at hand.
          </p>
        ) : null}
      </div>
    </>
  );
}
