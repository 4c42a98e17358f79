// The server actions in lib/actions, read from the files themselves, and the ones that do not act on a
// workspace object. The permission matrix and the boundary test each hold a row per workspace action;
// with this inventory, an action file added without its rows fails both.
import fs from "node:fs";
import path from "node:path";

const ACTIONS_DIR = path.resolve(import.meta.dirname, "../actions");

/** Every name a "use server" file in lib/actions exports. */
export function exportedServerActions(): string[] {
  return fs
    .readdirSync(ACTIONS_DIR)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts"))
    .map((file) => fs.readFileSync(path.join(ACTIONS_DIR, file), "utf8"))
    .filter((source) => source.startsWith('"use server"'))
    .flatMap((source) => [...source.matchAll(/export (?:const|async function) (\w+)/g)].map((m) => m[1]!))
    .sort();
}

// Actions on the session or the signed-in user rather than a workspace: session-actions.test.ts, and
// for the password reset lib/auth/password-reset.test.ts; two-factor: lib/two-factor/two-factor.test.ts;
// the account: lib/accounts/account.test.ts.
export const SESSION_ACTIONS = [
  "signInAction",
  "verifySecondFactorAction",
  "passkeySignInOptionsAction",
  "verifyPasskeySignInAction",
  "signOutAction",
  "switchWorkspaceAction",
  "requestPasswordResetAction",
  "resetPasswordAction",
  "startTotpEnrolmentAction",
  "confirmTotpEnrolmentAction",
  "disableTotpAction",
  "startPasskeyRegistrationAction",
  "finishPasskeyRegistrationAction",
  "removePasskeyAction",
  "acceptInvitationAction",
  "changeNameAction",
  "changePasswordAction",
  "signOutEverywhereAction",
  "createWorkspaceAction",
  // Tested in lib/auth/step-up.test.ts.
  "confirmIdentityAction",
];

// Actions that need no session at all, guarded by a secret of their own (the setup code, an invitation
// token): lib/setup/first-run.test.ts and lib/members/invitations.test.ts.
export const PUBLIC_ACTIONS = ["completeSetupAction", "acceptInvitationAsNewUserAction"];
