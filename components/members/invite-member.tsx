"use client";
import { useAction } from "next-safe-action/hooks";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogClose, DialogFooter } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RadioCards } from "@/components/ui/radio-cards";
import { createInvitationAction } from "@/lib/actions/create-invitation";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { invitationPath } from "@/lib/members/invitation-link";

/** "Invite member": email and role, then the one-time invitation link to copy and send. */
export function InviteMember({ roles, workspaceName }: { roles: Role[]; workspaceName: string }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("ADMIN") ? "ADMIN" : (roles[0] ?? "SUPPORT"));
  const { execute, isPending, result, reset } = useAction(createInvitationAction);
  const created = result.data;
  const link = created ? `${window.location.origin}${invitationPath(created.token)}` : "";
  const error = result.serverError ?? result.validationErrors?.formErrors?.[0];

  function openChange(next: boolean) {
    if (next) {
      reset();
      setEmail("");
    }
    setOpen(next);
  }

  return (
    <Dialog
      trigger={<Button>Invite member</Button>}
      open={open}
      onOpenChange={openChange}
      title="Invite member"
      description={`The link lets one person join ${workspaceName}. It works once, for 7 days, for the email you give only.`}
    >
      {created ? (
        <div className="space-y-4">
          <Field
            label="Invitation link"
            hint={
              created.emailed
                ? `We emailed it to ${created.email}. It is shown only now, and works once, for ${created.days} days.`
                : `Send it to ${created.email} yourself. It is shown only now, and works once, for ${created.days} days.`
            }
          >
            <Input
              readOnly
              value={link}
              onFocus={(event) => event.currentTarget.select()}
              spellCheck={false}
              className="font-mono text-xs"
            />
          </Field>
          <div className="flex flex-wrap justify-end gap-2">
            <CopyButton text={link} label="Copy link" toastMessage="Invitation link copied." />
            <DialogClose asChild>
              <Button>Done</Button>
            </DialogClose>
          </div>
        </div>
      ) : (
        <form
          noValidate
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            execute({ email, role });
          }}
        >
          <Field label="Email" errors={result.validationErrors?.fieldErrors?.email}>
            <Input type="email" autoComplete="off" value={email} onChange={(event) => setEmail(event.target.value)} />
          </Field>
          <RadioCards
            label="Role"
            value={role}
            onValueChange={setRole}
            options={roles.map((r) => ({ value: r, label: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] }))}
          />
          <DialogFooter error={error} actionLabel="Create invitation" pendingLabel="Creating…" pending={isPending} />
        </form>
      )}
    </Dialog>
  );
}
