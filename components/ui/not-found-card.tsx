import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "./button";
import { Card } from "./card";

/** What a 404 shows: what was not found, why that may be, and one way on. */
export function NotFoundCard({ title, explanation, back }: { title: string; explanation: string; back: { href: string; label: string } }) {
  return (
    <Card className="flex flex-col items-center gap-3 px-6 py-12 text-center">
      <SearchX aria-hidden className="size-8 text-fg-muted" />
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="max-w-md text-sm text-fg-muted">{explanation}</p>
      <Link href={back.href} className={buttonClasses("secondary")}>
        {back.label}
      </Link>
    </Card>
  );
}
