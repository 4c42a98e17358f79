import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { keyInput, workspaceWithKey } from "@/lib/testing/key-fixtures";
import { createApiKey } from "./lifecycle";
import { backfillKeyNameKeys } from "./name-keys";

describe("the name key of rows written before it existed", () => {
  it("is filled at start from the name (NFKC, lower case), once", async () => {
    const { key } = await workspaceWithKey({ name: "Ｓｈｏｐ Sync" });
    await db.apiKey.updateMany({ data: { nameKey: null } });
    expect(await backfillKeyNameKeys()).toBeGreaterThanOrEqual(1);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).nameKey).toBe("shop sync");
    expect(await backfillKeyNameKeys()).toBe(0);
  });

  it("still clashes on its exact name before the backfill reached it", async () => {
    const { change } = await workspaceWithKey({ name: "Legacy" });
    await db.apiKey.updateMany({ data: { nameKey: null } });
    await expect(createApiKey(change, keyInput({ name: "Legacy" }))).rejects.toThrow('An active key is already named "Legacy"');
  });
});
