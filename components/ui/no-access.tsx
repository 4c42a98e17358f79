import { Card } from "./card";

export function NoAccess({ what }: { what: string }) {
  return (
    <Card className="p-6">
      <h1 className="text-xl font-semibold">You don&apos;t have access to {what}</h1>
      <p className="mt-2 text-sm text-fg-muted">Your role in this workspace does not include it. Ask an Owner if you need it.</p>
    </Card>
  );
}
