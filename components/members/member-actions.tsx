"use client";
import { useState } from "react";
import { toast } from "sonner";
import { useConfirmedAction } from "@/components/auth/step-up";
import { Button } from "@/components/ui/button";
import { ConfirmDialog, ConfirmFooter, Dialog, DialogFooter } from "@/components/ui/dialog";
import { RadioCards } from "@/components/ui/radio-cards";
import { changeMemberRoleAction } from "@/lib/actions/change-member-role";
import { removeMemberAction } from "@/lib/actions/remove-member";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { ResetLinkDialog } from "./reset-link-dialog";

type Member = { id: string; name: string; email: string; role: Role };

type ActionsProps = { member: Member; workspaceName: string; isSelf: boolean; canManage: boolean; canCreateResetLink: boolean };

export function MemberActions({ member, workspaceName, isSelf, canManage, canCreateResetLink }: ActionsProps) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      {canCreateResetLink ? <ResetLinkDialog member={member} /> : null}
      {canManage ? <ChangeRole member={member} isSelf={isSelf} /> : null}
      {canManage ? <RemoveMember member={member} workspaceName={workspaceName} isSelf={isSelf} /> : null}
    </div>
  );
}

function ChangeRole({ member, isSelf }: { member: Member; isSelf: boolean }) {
  const [open, setOpen] = useState(false);
  const [role, setRole] = useState<Role>(member.role);
  const { execute, isPending, result, reset } = useConfirmedAction(changeMemberRoleAction, {
    onSuccess: () => {
      toast.success(`${member.name} is now ${ROLE_LABELS[role]}.`);
      setOpen(false);
    },
  });
  const error = result.serverError ?? result.validationErrors?.formErrors?.[0];
  function openChange(next: boolean) {
    if (next) {
      setRole(member.role);
      reset();
    }
    setOpen(next);
  }
  return (
    <Dialog
      trigger={
        <Button variant="secondary" aria-label={`Change role of ${member.name}`}>
          Change role
        </Button>
      }
      open={open}
      onOpenChange={openChange}
      title={`Change role of ${member.name}`}
      description={`${member.email} is ${ROLE_LABELS[member.role]} now. The new role applies on their next click.`}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          execute({ membershipId: member.id, role });
        }}
        className="space-y-4"
      >
        <RadioCards
          label="Role"
          value={role}
          onValueChange={setRole}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r], description: ROLE_DESCRIPTIONS[r] }))}
        />
        {isSelf && member.role === "OWNER" && role !== "OWNER" ? (
          <p className="text-sm text-warning">You are changing your own role: you will lose Owner rights.</p>
        ) : null}
        <DialogFooter error={error} actionLabel="Save role" pendingLabel="Saving…" pending={isPending} disabled={role === member.role} />
      </form>
    </Dialog>
  );
}

function RemoveMember({ member, workspaceName, isSelf }: { member: Member; workspaceName: string; isSelf: boolean }) {
  const [open, setOpen] = useState(false);
  const { execute, isPending, result, reset } = useConfirmedAction(removeMemberAction, {
    onSuccess: () => {
      toast.success(`${member.name} was removed from ${workspaceName}.`);
      setOpen(false);
    },
  });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="secondary" aria-label={`Remove ${member.name}`}>
          Remove
        </Button>
      }
      open={open}
      onOpenChange={(next) => {
        if (next) reset();
        setOpen(next);
      }}
      title={`Remove ${member.name} from ${workspaceName}?`}
      description={`${isSelf ? "You lose" : `${member.email} loses`} access to this workspace immediately. Keys they created keep working.`}
    >
      <ConfirmFooter
        error={result.serverError}
        confirmLabel="Remove member"
        pendingLabel="Removing…"
        pending={isPending}
        onConfirm={() => execute({ membershipId: member.id })}
      />
    </ConfirmDialog>
  );
}
