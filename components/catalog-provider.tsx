"use client";
// The scope catalog for client components: a server component reads the loaded catalog
// (lib/scopes/loaded-catalog.ts) and hands it here, so no bundle holds a copy and every page shows the
// catalog the server enforces.
import { createContext, type ReactNode, useContext } from "react";
import type { Catalog } from "@/lib/scopes/catalog";

const CatalogContext = createContext<Catalog | null>(null);

export function CatalogProvider({ catalog, children }: { catalog: Catalog; children: ReactNode }) {
  return <CatalogContext value={catalog}>{children}</CatalogContext>;
}

export function useCatalog(): Catalog {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error("useCatalog needs a CatalogProvider above it (app/(dashboard)/layout.tsx)");
  return catalog;
}
