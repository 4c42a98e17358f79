"use client";
import { useAction } from "next-safe-action/hooks";
import { toast } from "sonner";
import { SettingSwitch } from "@/components/ui/setting-switch";
import { setRequireTwoFactorAction } from "@/lib/actions/set-require-two-factor";

/** The workspace setting, as a switch; only an Owner can change it (the server checks again). */
export function RequireTwoFactor({ required, canChange }: { required: boolean; canChange: boolean }) {
  const { execute, isPending, result } = useAction(setRequireTwoFactorAction, {
    onSuccess: ({ data }) => toast.success(data?.required ? "Owners and Admins now need two-factor." : "Two-factor is no longer required."),
  });
  return (
    <SettingSwitch
      label="Require two-factor for Owners and Admins"
      hint="Owners and Admins without an authenticator app or passkey are sent to set one up before they can do anything in this workspace. Support is not affected."
      checked={required}
      canChange={canChange}
      pending={isPending}
      error={result.serverError}
      onToggle={(next) => execute({ required: next })}
    />
  );
}
