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
