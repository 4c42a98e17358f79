// Outgoing email through SMTP_URL (e.g. smtp://user:pass@smtp.example.com:587, smtps://… for TLS on
// connect). Without SMTP_URL, mail is not configured and the features that would send it say so
// instead (a reset link is then made by an Owner or Admin on /members).
import nodemailer, { type Transporter } from "nodemailer";

export const DEFAULT_MAIL_FROM = "Keysmith <no-reply@localhost>";

export type Mail = { to: string; subject: string; text: string };

export function mailConfigured(): boolean {
  return Boolean(process.env.SMTP_URL);
}

// One transport per SMTP_URL, so tests (and a changed environment) get a fresh one.
let cached: { url: string; transport: Transporter } | undefined;
function transport(url: string): Transporter {
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}

/** Sends one plain-text message; throws when mail is not configured or the server refuses it. */
export async function sendMail(mail: Mail): Promise<void> {
  const url = process.env.SMTP_URL;
  if (!url) throw new Error("Mail is not configured (SMTP_URL is not set)");
  await transport(url).sendMail({ from: process.env.MAIL_FROM || DEFAULT_MAIL_FROM, ...mail });
}
