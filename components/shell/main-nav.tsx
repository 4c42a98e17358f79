"use client";
import { Menu } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { NAV_ITEMS } from "./nav-items";

/**
 * The dashboard's sections: a column beside the page from 768 px; below that, folded behind a "Menu"
 * button (a disclosure), since a row of six links scrolled out of sight without showing there were more.
 */
export function MainNav({ hidden = [], badges = {} }: { hidden?: string[]; badges?: Record<string, number> }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [openedOn, setOpenedOn] = useState(pathname);
  const listId = useId();
  const menuButton = useRef<HTMLButtonElement>(null);
  // Choosing a page folds the menu again, so the page it leads to starts where its content starts.
  if (openedOn !== pathname) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  return (
    <nav
      aria-label="Main"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        setOpen(false);
        menuButton.current?.focus();
      }}
    >
      <Button
        ref={menuButton}
        variant="secondary"
        className="w-full justify-start md:hidden"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        <Menu aria-hidden className="size-4" />
        Menu
      </Button>
      <ul id={listId} className={cn("mt-2 flex-col gap-1 md:mt-0 md:flex", open ? "flex" : "hidden")}>
        {NAV_ITEMS.filter(({ href }) => !hidden.includes(href)).map(({ href, label, icon: Icon }) => {
          const badge = badges[href];
          const active = pathname === href || pathname.startsWith(`${href}/`);
          return (
            <li key={href}>
              <Link
                href={href}
                aria-current={active ? "page" : undefined}
                aria-describedby={badge ? `${listId}${href.replaceAll("/", "-")}-badge` : undefined}
                className={cn(
                  "flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium",
                  "focus-visible:outline-2 focus-visible:outline-accent",
                  active ? "bg-muted text-fg" : "text-fg-muted hover:bg-muted hover:text-fg",
                )}
              >
                <Icon aria-hidden className="size-4" />
                {label}
                {/* The count describes the link rather than renaming it: its name stays the section's. */}
                {badge ? (
                  <span
                    id={`${listId}${href.replaceAll("/", "-")}-badge`}
                    aria-hidden
                    className="ml-auto rounded-full bg-accent px-2 py-0.5 text-xs font-semibold text-accent-fg"
                  >
                    {badge}
                    <span className="sr-only"> pending</span>
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
