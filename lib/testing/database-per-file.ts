// Runs before each test file, before it imports lib/db: points DATABASE_URL at a fresh copy of the
// migrated template, so every file starts from an empty schema on the run's provider.
import { afterAll, inject } from "vitest";
import { createFileDatabase } from "./test-databases";

process.env.DATABASE_URL = await createFileDatabase(inject("databaseTemplate"));
delete (globalThis as { __keysmithDb?: unknown }).__keysmithDb;
delete (globalThis as { __keysmithKeyLookup?: unknown }).__keysmithKeyLookup;

afterAll(async () => {
  const { db } = await import("@/lib/db");
  const { closeKeyLookup } = await import("@/lib/api-keys/key-lookup");
  const { usageRecorder } = await import("@/lib/usage/recorder");
  await closeKeyLookup();
  await usageRecorder.close();
  await db.$disconnect();
});
