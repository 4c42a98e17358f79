import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { DemoBanner } from "@/components/shell/demo-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keysmith", template: "%s · Keysmith" },
  description: "Scoped private API keys: create, rotate, revoke and audit.",
};

// Every page renders per request: its scripts carry that response's CSP nonce (server.ts sets the
// policy; Next reads the nonce from it). A page prerendered at build time would carry none and run nothing.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="font-sans antialiased">
        <DemoBanner />
        {children}
        <Toaster richColors closeButton position="bottom-right" theme="system" />
      </body>
    </html>
  );
}
