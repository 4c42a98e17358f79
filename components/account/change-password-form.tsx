"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "@/lib/actions/change-password";

export function ChangePasswordForm({ userInputs }: { userInputs: string[] }) {
  const [formKey, setFormKey] = useState(0);
  const { execute, isPending, result, reset } = useAction(changePasswordAction, {
    onSuccess: ({ data }) => {
      const others = data?.otherSessionsEnded ?? 0;
      toast.success(
        `Password changed. ${others === 0 ? "No other session was open." : `${others} other session${others === 1 ? "" : "s"} signed out.`}`,
      );
      setFormKey((key) => key + 1); // clears both fields
      reset();
    },
  });
  const errors = result.validationErrors?.fieldErrors;
  return (
    <form
      key={formKey}
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        execute({ currentPassword: String(data.get("currentPassword") ?? ""), newPassword: String(data.get("newPassword") ?? "") });
      }}
    >
      <Field label="Current password" errors={errors?.currentPassword}>
        <Input name="currentPassword" type="password" autoComplete="current-password" />
      </Field>
      <NewPasswordField label="New password" name="newPassword" errors={errors?.newPassword} userInputs={userInputs} />
      <FormError message={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Changing…" : "Change password"}
      </Button>
    </form>
  );
}
