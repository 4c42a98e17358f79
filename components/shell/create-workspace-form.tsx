"use client";
import { useRouter } from "next/navigation";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { createWorkspaceAction } from "@/lib/actions/create-workspace";

export function CreateWorkspaceForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const { execute, isPending, result } = useAction(createWorkspaceAction, {
    onSuccess: ({ data }) => {
      toast.success(`${data?.name} was created. You are its Owner.`);
      router.push("/keys");
      router.refresh();
    },
  });
  return (
    <form
      noValidate
      className="space-y-4"
      onSubmit={(event) => {
        event.preventDefault();
        execute({ name });
      }}
    >
      <Field label="Workspace name" errors={result.validationErrors?.fieldErrors?.name} hint="Your team, company or project.">
        <Input autoComplete="organization" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <FormError message={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Creating…" : "Create workspace"}
      </Button>
    </form>
  );
}
