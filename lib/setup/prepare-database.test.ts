import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { prepareDemoData } from "./prepare-database";

describe("a production start on an empty database", () => {
  it("seeds no demo account unless SEED_DEMO_DATA=true, whatever else SEED_DEMO_DATA says", async () => {
    for (const env of [{}, { SEED_DEMO_DATA: "false" }, { SEED_DEMO_DATA: "1" }, { SEED_DEMO_DATA: "yes" }]) {
      const log: string[] = [];
      await prepareDemoData((line) => log.push(line), env);
      expect(log).toEqual([]);
      expect(await db.user.count()).toBe(0);
    }
  });
});
