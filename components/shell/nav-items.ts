import { Activity, BookOpen, Inbox, KeyRound, type LucideIcon, ScrollText, Settings, Users } from "lucide-react";
import type { Permission } from "@/lib/auth/permissions";

/** The dashboard's sections; one with a permission is shown only to the roles that hold it. */
export const NAV_ITEMS: { href: string; label: string; icon: LucideIcon; permission?: Permission }[] = [
  { href: "/keys", label: "Keys", icon: KeyRound },
  { href: "/requests", label: "Access requests", icon: Inbox, permission: "requests.review" },
  { href: "/usage", label: "Usage", icon: Activity },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/members", label: "Members", icon: Users },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/docs", label: "API docs", icon: BookOpen },
];
