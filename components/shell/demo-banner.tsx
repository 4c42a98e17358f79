import { connection } from "next/server";
import { demoDataEnabled } from "@/lib/setup/mode";

/** The thin strip on every page while demo data is enabled: these accounts' password is public. */
export async function DemoBanner() {
  // Read at request time: the mode is the running server's environment, not the build's.
  await connection();
  if (!demoDataEnabled()) return null;
  return (
    <aside aria-label="Demo data" className="border-b border-warning bg-surface px-4 py-1 text-center text-xs text-fg">
      <strong className="font-semibold">Demo data</strong>
      <span className="text-fg-muted">
        {" "}
        · sample workspaces and accounts with a published password. For real use, run <code>npm run serve</code>.
      </span>
    </aside>
  );
}
