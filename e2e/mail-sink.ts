// The SMTP server the e2e app sends mail to (SMTP_URL in playwright.config.ts): a real loopback SMTP
// server (lib/testing/smtp-sink.ts), started once per run by Playwright's globalSetup. Each message
// it receives is written as JSON into MAIL_DIR, which tests read with fixtures.ts `waitForMail`.
import fs from "node:fs";
import path from "node:path";
import { startSmtpSink } from "../lib/testing/smtp-sink";

export const MAIL_DIR = path.resolve(".tmp/e2e-mail");

export function smtpPort(appPort: number): number {
  return appPort + 20_000;
}

export default async function globalSetup() {
  fs.rmSync(MAIL_DIR, { recursive: true, force: true });
  fs.mkdirSync(MAIL_DIR, { recursive: true });
  const sink = await startSmtpSink(smtpPort(Number(process.env.E2E_PORT || 3100)));
  const written = new Set<unknown>();
  const timer = setInterval(() => {
    for (const mail of sink.messages) {
      if (written.has(mail)) continue;
      written.add(mail);
      fs.writeFileSync(path.join(MAIL_DIR, `${Date.now()}-${written.size}.json`), JSON.stringify(mail));
    }
  }, 50);
  return async () => {
    clearInterval(timer);
    await sink.close();
  };
}
