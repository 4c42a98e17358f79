import { X } from "lucide-react";
import { Button } from "./button";

/**
 * Puts a view's filters back to their defaults, the same on every list. With nothing to clear it stays
 * in place but says it is unavailable (aria-disabled rather than disabled), so the row does not shift
 * and the focus is not thrown to the page body once the filters are cleared.
 */
export function ClearFiltersButton({ active, onClear }: { active: boolean; onClear: () => void }) {
  return (
    <Button
      variant="ghost"
      aria-disabled={!active}
      onClick={() => {
        if (active) onClear();
      }}
      className="aria-disabled:cursor-not-allowed aria-disabled:opacity-60 aria-disabled:hover:bg-transparent"
    >
      <X aria-hidden className="size-4" />
      Clear filters
    </Button>
  );
}
