import type { Metadata } from "next";
import { AuthPage } from "@/components/auth/auth-page";
import { OpenHandover } from "@/components/handover/open-handover";

// Public: whoever holds the link opens it, signed in or not. The page itself holds nothing; the
// secret comes from app/handover/open, once, for the token in the link's fragment.
export const metadata: Metadata = { title: "Key handover", referrer: "no-referrer" };

export default function HandoverPage() {
  return (
    <AuthPage title="Key handover" description="A one-time link to an API key's secret." wide>
      <OpenHandover />
    </AuthPage>
  );
}
