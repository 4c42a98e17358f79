// The texts of the messages Keysmith sends: plain, short, and saying what to do if it was not you.
import type { Mail } from "./mailer";

export function passwordResetMail(to: string, link: string, minutes: number): Mail {
  return {
    to,
    subject: "Reset your Keysmith password",
    text: [
      "Someone asked to reset the password of your Keysmith account.",
      "",
      `To choose a new password, open this link within ${minutes} minutes. It works once:`,
      "",
      link,
      "",
      "Setting a new password signs you out everywhere.",
      "If you did not ask for this, ignore this message: your password stays as it is.",
    ].join("\n"),
  };
}

export function invitationMail(
  to: string,
  invite: { workspaceName: string; invitedBy: string; role: string; link: string; days: number },
): Mail {
  return {
    to,
    subject: `You are invited to ${invite.workspaceName} on Keysmith`,
    text: [
      `${invite.invitedBy} invited you to join the workspace ${invite.workspaceName} on Keysmith as ${invite.role}.`,
      "",
      `To accept, open this link within ${invite.days} days. It works once, for this email address only:`,
      "",
      invite.link,
      "",
      "If you did not expect this, ignore this message: nothing happens unless the link is opened and accepted.",
    ].join("\n"),
  };
}

/** The decision on an access request, to the address the requester gave. Never the key itself. */
export function accessRequestDecisionMail(to: string, decision: { workspaceName: string; approved: boolean; message: string }): Mail {
  return {
    to,
    subject: `Your API access request to ${decision.workspaceName} was ${decision.approved ? "approved" : "declined"}`,
    text: [
      decision.approved
        ? `Your request for API access to ${decision.workspaceName} was approved and a key was created. The workspace's team will hand it to you over a safe channel: this email never carries it.`
        : `Your request for API access to ${decision.workspaceName} was declined.`,
      ...(decision.message ? ["", "Their message:", "", decision.message] : []),
      "",
      "If you did not ask for API access, ignore this message.",
    ].join("\n"),
  };
}
