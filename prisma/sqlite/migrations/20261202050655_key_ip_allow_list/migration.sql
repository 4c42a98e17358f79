-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ApiKey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT,
    "description" TEXT NOT NULL DEFAULT '',
    "hash" TEXT NOT NULL,
    "hashAlgorithm" TEXT NOT NULL DEFAULT 'sha256',
    "prefix" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "scopes" TEXT NOT NULL,
    "ipAllowList" TEXT NOT NULL DEFAULT '[]',
    "expirationPolicy" TEXT NOT NULL,
    "createdById" TEXT,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "expiresAt" DATETIME,
    "revokedAt" DATETIME,
    "revokedById" TEXT,
    "revokedByLabel" TEXT,
    "revokeReason" TEXT,
    "rotatedFromId" TEXT,
    "lastUsedAt" DATETIME,
    "lastUsedIp" TEXT,
    CONSTRAINT "ApiKey_rotatedFromId_fkey" FOREIGN KEY ("rotatedFromId") REFERENCES "ApiKey" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ApiKey_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ApiKey" ("createdAt", "createdById", "createdByLabel", "description", "expirationPolicy", "expiresAt", "hash", "hashAlgorithm", "id", "last4", "lastUsedAt", "lastUsedIp", "name", "nameKey", "prefix", "revokeReason", "revokedAt", "revokedById", "revokedByLabel", "rotatedFromId", "scopes", "updatedAt", "workspaceId") SELECT "createdAt", "createdById", "createdByLabel", "description", "expirationPolicy", "expiresAt", "hash", "hashAlgorithm", "id", "last4", "lastUsedAt", "lastUsedIp", "name", "nameKey", "prefix", "revokeReason", "revokedAt", "revokedById", "revokedByLabel", "rotatedFromId", "scopes", "updatedAt", "workspaceId" FROM "ApiKey";
DROP TABLE "ApiKey";
ALTER TABLE "new_ApiKey" RENAME TO "ApiKey";
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");
CREATE UNIQUE INDEX "ApiKey_rotatedFromId_key" ON "ApiKey"("rotatedFromId");
CREATE INDEX "ApiKey_workspaceId_createdAt_id_idx" ON "ApiKey"("workspaceId", "createdAt", "id");
CREATE INDEX "ApiKey_workspaceId_name_id_idx" ON "ApiKey"("workspaceId", "name", "id");
CREATE INDEX "ApiKey_workspaceId_nameKey_idx" ON "ApiKey"("workspaceId", "nameKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
