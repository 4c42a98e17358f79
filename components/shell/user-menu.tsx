"use client";
import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { LogOut, MonitorX, ShieldCheck, UserRound } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/sign-out";
import { signOutEverywhereAction } from "@/lib/actions/sign-out-everywhere";
import { ROLE_LABELS, type Role } from "@/lib/auth/roles";

type Props = { name: string; email: string; role: Role };

const ITEM = "flex cursor-pointer items-center gap-2 rounded px-2 py-1.5 text-sm outline-none data-[highlighted]:bg-muted";

export function UserMenu({ name, email, role }: Props) {
  const initials = name
    .split(/\s+/)
    .map((part) => part[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <DropdownMenu.Root>
      {/* Named by the sr-only span, not aria-label: with aria-label, all visible text (initials, name and
          role) would have to be part of the name (WCAG 2.5.3, axe label-content-name-mismatch). */}
      <DropdownMenu.Trigger className={buttonClasses("ghost", "gap-2 px-2")}>
        <span className="sr-only">{`User menu for ${name}`}</span>
        <span aria-hidden className="grid size-7 place-items-center rounded-full bg-accent text-xs font-semibold text-accent-fg">
          {initials}
        </span>
        <span aria-hidden className="hidden text-left sm:block">
          <span className="block text-sm leading-tight">{name}</span>
          <span className="block text-xs leading-tight text-fg-muted">{ROLE_LABELS[role]}</span>
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={4}
          className="z-50 min-w-56 rounded-md border border-border bg-surface p-1 text-fg shadow-lg"
        >
          <div className="px-2 py-1.5">
            <p className="text-sm font-medium">{name}</p>
            <p className="text-xs text-fg-muted">{email}</p>
            <p className="text-xs text-fg-muted">Role: {ROLE_LABELS[role]}</p>
          </div>
          <DropdownMenu.Separator className="my-1 h-px bg-border" />
          <DropdownMenu.Item asChild className={ITEM}>
            <Link href="/account">
              <UserRound aria-hidden className="size-4" />
              Account
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild className={ITEM}>
            <Link href="/account/security">
              <ShieldCheck aria-hidden className="size-4" />
              Security
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item className={ITEM} onSelect={() => void signOutAction()}>
            <LogOut aria-hidden className="size-4" />
            Sign out
          </DropdownMenu.Item>
          <DropdownMenu.Item className={ITEM} onSelect={() => void signOutEverywhereAction()}>
            <MonitorX aria-hidden className="size-4" />
            Sign out everywhere
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
