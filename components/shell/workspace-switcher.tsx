"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, ChevronsUpDown, Plus } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { buttonClasses } from "@/components/ui/button";
import { switchWorkspaceAction } from "@/lib/actions/switch-workspace";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";

type Props = {
  current: { workspaceId: string; workspaceName: string };
  memberships: { workspaceId: string; workspaceName: string; role: Role }[];
};

export function WorkspaceSwitcher({ current, memberships }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  function choose(workspaceId: string) {
    if (workspaceId === current.workspaceId) return;
    startTransition(async () => {
      const result = await switchWorkspaceAction({ workspaceId });
      if (result?.serverError) toast.error(result.serverError);
      else router.refresh();
    });
  }

  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger
        className={buttonClasses("secondary", "w-full justify-between")}
        aria-label={`Workspace: ${current.workspaceName}. Switch workspace`}
        disabled={pending}
      >
        <span className="truncate">{current.workspaceName}</span>
        <ChevronsUpDown aria-hidden className="size-4 text-fg-muted" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="start"
          sideOffset={4}
          className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 text-fg shadow-lg"
        >
          <DropdownMenu.Label className="px-2 py-1.5 text-xs text-fg-muted">Workspaces</DropdownMenu.Label>
          <DropdownMenu.RadioGroup value={current.workspaceId} onValueChange={choose}>
            {memberships.map((m) => (
              <DropdownMenu.RadioItem
                key={m.workspaceId}
                value={m.workspaceId}
                className="flex cursor-pointer items-center justify-between gap-4 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted"
              >
                <span>
                  {m.workspaceName} <span className="text-fg-muted">· {ROLE_LABELS[m.role]}</span>
                </span>
                <DropdownMenu.ItemIndicator>
                  <Check aria-hidden className="size-4" />
                </DropdownMenu.ItemIndicator>
              </DropdownMenu.RadioItem>
            ))}
          </DropdownMenu.RadioGroup>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item
            asChild
            className="flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted"
          >
            <Link href="/workspaces/new">
              <Plus aria-hidden className="size-4" />
              Create workspace
            </Link>
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
