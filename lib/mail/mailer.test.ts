import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SmtpSink, startSmtpSink } from "@/lib/testing/smtp-sink";
import { DEFAULT_MAIL_FROM, mailConfigured, sendMail } from "./mailer";
import { passwordResetMail } from "./messages";

let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink();
});
afterAll(() => sink.close());

describe("sendMail", () => {
  it("delivers a readable plain-text message through SMTP_URL, from MAIL_FROM's default", async () => {
    process.env.SMTP_URL = sink.url;
    delete process.env.MAIL_FROM;
    const link = `http://localhost:3000/reset-password/${"x".repeat(90)}`;
    await sendMail(passwordResetMail("ada@example.test", link, 15));
    const mail = await sink.waitFor((m) => m.to.includes("ada@example.test"));
    expect(mail.subject).toBe("Reset your Keysmith password");
    expect(mail.from).toBe("no-reply@localhost");
    expect(mail.raw).toContain(`From: ${DEFAULT_MAIL_FROM}`);
    // The long link survives line folding intact, on a line of its own.
    expect(mail.text.split("\n")).toContain(link);
    expect(mail.text).toContain("within 15 minutes");
  });

  it("uses MAIL_FROM when set", async () => {
    process.env.SMTP_URL = sink.url;
    process.env.MAIL_FROM = "Acme Keys <keys@acme.test>";
    await sendMail({ to: "bob@example.test", subject: "Hello", text: "Hi" });
    const mail = await sink.waitFor((m) => m.to.includes("bob@example.test"));
    expect(mail.from).toBe("keys@acme.test");
    delete process.env.MAIL_FROM;
  });

  it("is not configured without SMTP_URL, and refuses to send", async () => {
    delete process.env.SMTP_URL;
    expect(mailConfigured()).toBe(false);
    await expect(sendMail({ to: "c@example.test", subject: "x", text: "x" })).rejects.toThrow(/not configured/);
  });
});
