import { Card } from "./card";
import { PageHeader } from "./page-header";

/** A page whose feature is not built yet: it says what will be here instead of leaving a dead link. */
export function PlannedPage({ title, description, planned }: { title: string; description: string; planned: string[] }) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card className="p-6">
        <h2 className="text-base font-semibold">Coming to this page</h2>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm text-fg-muted">
          {planned.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </Card>
    </>
  );
}
