"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { changeNameAction } from "@/lib/actions/change-name";

export function ChangeNameForm({ name: initial }: { name: string }) {
  const [name, setName] = useState(initial);
  const { execute, isPending, result } = useAction(changeNameAction, {
    onSuccess: ({ data }) => toast.success(`Your name is now ${data?.name}.`),
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
      <Field label="Name" errors={result.validationErrors?.fieldErrors?.name}>
        <Input autoComplete="name" value={name} onChange={(event) => setName(event.target.value)} />
      </Field>
      <FormError message={result.serverError} />
      <Button type="submit" disabled={isPending}>
        {isPending ? "Saving…" : "Save name"}
      </Button>
    </form>
  );
}
