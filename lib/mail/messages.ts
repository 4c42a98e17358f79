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
