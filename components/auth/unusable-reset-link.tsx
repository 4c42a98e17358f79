import Link from "next/link";
import { Card } from "@/components/ui/card";

/** An expired, used or altered reset link: nothing was changed, and how to get a new one. */
export function UnusableResetLink() {
  return (
    <Card className="space-y-3 p-6 text-sm">
      <p role="alert" className="font-medium">
        This reset link cannot be used.
      </p>
      <p className="text-fg-muted">
        It has expired (links work for 15 minutes), was used already, or is incomplete. Your password was not changed.
      </p>
      <p>
        <Link href="/forgot-password" className="text-accent underline-offset-2 hover:underline">
          Ask for a new link
        </Link>{" "}
        or{" "}
        <Link href="/login" className="text-accent underline-offset-2 hover:underline">
          sign in
        </Link>
        .
      </p>
    </Card>
  );
}
