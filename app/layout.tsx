import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Toaster } from "sonner";
import { DemoBanner } from "@/components/shell/demo-banner";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Keysmith", template: "%s · Keysmith" },
  description: "Scoped private API keys: create, rotate, revoke and audit.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
