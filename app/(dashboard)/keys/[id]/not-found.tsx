import { NotFoundCard } from "@/components/ui/not-found-card";

// Shown inside the dashboard for a deleted key, a malformed id and another workspace's key alike: the
// same words for all, so the page never tells whether a key exists elsewhere.
export default function KeyNotFound() {
  return (
    <NotFoundCard
      title="Key not found"
      explanation="There is no key at this address in this workspace. It may have been deleted, or the link may belong to another workspace: switch workspace if you expected it there."
      back={{ href: "/keys", label: "All keys" }}
    />
  );
}
