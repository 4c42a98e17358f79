import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { AuthPage } from "@/components/auth/auth-page";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { AcceptAsNewUserForm, AcceptAsUserButton } from "@/components/members/accept-invitation-form";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { getSessionContext } from "@/lib/auth/current";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { formatDate } from "@/lib/format";
import { type InvitationLink, readInvitationLink } from "@/lib/members/invitations";

export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };

const UNUSABLE: Record<Extract<InvitationLink, { usable: false }>["reason"], string> = {
  unknown: "This link is not a valid invitation. Check that you copied all of it, or ask for a new one.",
  expired: "This invitation has expired: links work for 7 days. Ask the person who invited you for a new one.",
  used: "This invitation was already accepted: a link works once. Sign in, or ask for a new invitation.",
  revoked: "This invitation was revoked. Ask the person who invited you for a new one.",
};

/** An invitation's page: the sign-in frame around one card. */
function Frame({ title, children }: { title: string; children: ReactNode }) {
  return (
    <AuthPage title={title} wide>
      <Card className="space-y-4 p-6">{children}</Card>
    </AuthPage>
  );
}

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await readInvitationLink(token);
  if (!link.usable) {
    return (
      <Frame title="This invitation link cannot be used">
        <p className="text-sm">{UNUSABLE[link.reason]}</p>
        <p className="text-sm text-fg-muted">Nothing was changed.</p>
        <Link href="/login" className={buttonClasses("secondary")}>
          Go to sign in
        </Link>
      </Frame>
    );
  }
  const session = await getSessionContext();
  const title = `Join ${link.workspaceName}`;
  const summary = (
    <p className="text-sm">
      You are invited to <strong>{link.workspaceName}</strong> as <strong>{ROLE_LABELS[link.role]}</strong>, as {link.email}. The link works
      once, until {formatDate(link.expiresAt)}.
    </p>
  );
  if (session && session.user.email === link.email) {
    return (
      <Frame title={title}>
        {summary}
        <AcceptAsUserButton token={token} />
      </Frame>
    );
  }
  if (session) {
    return (
      <Frame title={title}>
        {summary}
        <p className="text-sm">
          You are signed in as {session.user.email}. This invitation is for {link.email} only: sign out, then open this link again and sign
          in as {link.email}.
        </p>
        <SignOutButton />
      </Frame>
    );
  }
  if (link.accountExists) {
    return (
      <Frame title={title}>
        {summary}
        <p className="text-sm">You already have an account. Sign in as {link.email}, then accept.</p>
        <Link href={`/login?${new URLSearchParams({ callbackUrl: `/invite/${token}` })}`} className={buttonClasses("primary", "w-full")}>
          Sign in to accept
        </Link>
      </Frame>
    );
  }
  return (
    <Frame title={title}>
      {summary}
      <AcceptAsNewUserForm token={token} email={link.email} />
    </Frame>
  );
}
