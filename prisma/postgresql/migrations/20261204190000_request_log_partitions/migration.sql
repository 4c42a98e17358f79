-- The request log becomes a table partitioned by UTC day on "createdAt" (lib/usage/partitions.ts):
-- retention then drops whole days instead of deleting rows. A partitioned table's primary key must hold
-- the partition column, so it becomes ("id", "createdAt"), and ids stay unique (time-ordered and random).
-- The table is rebuilt from LIKE, so the columns of every earlier migration come along in their order.
ALTER TABLE "ApiRequest" RENAME TO "ApiRequest_unpartitioned";
ALTER TABLE "ApiRequest_unpartitioned" RENAME CONSTRAINT "ApiRequest_pkey" TO "ApiRequest_unpartitioned_pkey";
ALTER INDEX "ApiRequest_workspaceId_createdAt_idx" RENAME TO "ApiRequest_unpartitioned_workspaceId_createdAt_idx";
ALTER INDEX "ApiRequest_keyId_createdAt_idx" RENAME TO "ApiRequest_unpartitioned_keyId_createdAt_idx";

CREATE TABLE "ApiRequest" (LIKE "ApiRequest_unpartitioned" INCLUDING DEFAULTS) PARTITION BY RANGE ("createdAt");
ALTER TABLE "ApiRequest" ADD CONSTRAINT "ApiRequest_pkey" PRIMARY KEY ("id", "createdAt");
CREATE INDEX "ApiRequest_workspaceId_createdAt_idx" ON "ApiRequest"("workspaceId", "createdAt");
CREATE INDEX "ApiRequest_keyId_createdAt_idx" ON "ApiRequest"("keyId", "createdAt");
-- Every row lands here until its day's partition exists. The day partitions are made by the server
-- (lib/usage/partitions.ts, at start and hourly: today and the week ahead), which moves the default
-- partition's rows of that day into them, and retention deletes the older rows left here. No DO block:
-- the driver adapter runs a migration split at every semicolon.
CREATE TABLE "ApiRequest_default" PARTITION OF "ApiRequest" DEFAULT;

INSERT INTO "ApiRequest" SELECT * FROM "ApiRequest_unpartitioned";
DROP TABLE "ApiRequest_unpartitioned";
