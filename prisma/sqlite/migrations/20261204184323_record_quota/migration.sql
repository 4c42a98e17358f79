-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Workspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "auditSeq" INTEGER NOT NULL DEFAULT 0,
    "auditHeadHash" TEXT NOT NULL DEFAULT '',
    "changeVersion" INTEGER NOT NULL DEFAULT 0,
    "requireTwoFactor" BOOLEAN NOT NULL DEFAULT false,
    "accessRequestsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "recordCount" INTEGER NOT NULL DEFAULT 0,
    "recordBytes" INTEGER NOT NULL DEFAULT 0
);
INSERT INTO "new_Workspace" ("accessRequestsEnabled", "auditHeadHash", "auditSeq", "changeVersion", "createdAt", "id", "name", "requireTwoFactor", "slug") SELECT "accessRequestsEnabled", "auditHeadHash", "auditSeq", "changeVersion", "createdAt", "id", "name", "requireTwoFactor", "slug" FROM "Workspace";
DROP TABLE "Workspace";
ALTER TABLE "new_Workspace" RENAME TO "Workspace";
CREATE UNIQUE INDEX "Workspace_slug_key" ON "Workspace"("slug");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- What each workspace's store already holds, so the quotas count it (lib/api/record-quota.ts).
UPDATE "Workspace" SET
    "recordCount" = (SELECT count(*) FROM "ApiRecord" WHERE "ApiRecord"."workspaceId" = "Workspace"."id"),
    "recordBytes" = (SELECT coalesce(sum(length(CAST("attributes" AS BLOB))), 0) FROM "ApiRecord" WHERE "ApiRecord"."workspaceId" = "Workspace"."id");
