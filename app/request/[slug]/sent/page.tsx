import { CircleCheck } from "lucide-react";
import { notFound } from "next/navigation";
import { AuthPage } from "@/components/auth/auth-page";
import { requestableWorkspace } from "@/lib/access-requests/receive";

export const metadata = { title: "Request sent" };

/** Where the request form's answer leads (303), so reloading shows this again instead of sending twice. */
export default async function RequestSentPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const workspace = await requestableWorkspace(slug);
  if (!workspace) notFound();
  return (
    <AuthPage title="Request sent">
      <div role="status" className="flex gap-3 rounded-md border border-border p-4 text-sm">
        <CircleCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-success" />
        <p>
          Your request reached {workspace.name}. Their team reviews it and answers at the email address you gave. If it is approved, they
          hand you the key over a safe channel.
        </p>
      </div>
    </AuthPage>
  );
}
