-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "recordBytes" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "recordCount" INTEGER NOT NULL DEFAULT 0;

-- What each workspace's store already holds, so the quotas count it (lib/api/record-quota.ts).
UPDATE "Workspace" SET
    "recordCount" = (SELECT count(*) FROM "ApiRecord" WHERE "ApiRecord"."workspaceId" = "Workspace"."id"),
    "recordBytes" = (SELECT coalesce(sum(octet_length("attributes")), 0) FROM "ApiRecord" WHERE "ApiRecord"."workspaceId" = "Workspace"."id");
