"use client";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { SettingSwitch } from "@/components/ui/setting-switch";
import { setAccessRequestsEnabledAction } from "@/lib/actions/set-access-requests-enabled";

/** Whether the public page /request/<slug> takes requests; only an Owner can change it (the server checks again). */
export function AccessRequestsSetting({ enabled, slug, canChange }: { enabled: boolean; slug: string; canChange: boolean }) {
  const { execute, isPending, result } = useAction(setAccessRequestsEnabledAction, {
    onSuccess: ({ data }) => toast.success(data?.enabled ? "Access requests are on." : "Access requests are off."),
  });
  return (
    <SettingSwitch
      label="Access requests"
      hint={`Integrators can ask for a key without an account on /request/${slug}. Owners and Admins review each request before any key exists. Off: that page answers "Page not found".`}
      checked={enabled}
      canChange={canChange}
      pending={isPending}
      error={result.serverError}
      onToggle={(next) => execute({ enabled: next })}
    />
  );
}
