import { Activity, BookOpen, KeyRound, type LucideIcon, ScrollText, Settings, Users } from "lucide-react";

export const NAV_ITEMS: { href: string; label: string; icon: LucideIcon }[] = [
  { href: "/keys", label: "Keys", icon: KeyRound },
  { href: "/usage", label: "Usage", icon: Activity },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/members", label: "Members", icon: Users },
  { href: "/settings", label: "Settings", icon: Settings },
  { href: "/docs", label: "API docs", icon: BookOpen },
];
