-- CreateTable
CREATE TABLE "KeyHandover" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "openedAt" DATETIME,
    "openedIp" TEXT,
    "openedUserAgent" TEXT,
    "cancelledAt" DATETIME,
    "cancelledByLabel" TEXT,
    "expiryRecordedAt" DATETIME,
    CONSTRAINT "KeyHandover_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KeyHandover_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyHandover_tokenHash_key" ON "KeyHandover"("tokenHash");

-- CreateIndex
CREATE INDEX "KeyHandover_keyId_createdAt_idx" ON "KeyHandover"("keyId", "createdAt");

-- CreateIndex
CREATE INDEX "KeyHandover_expiresAt_idx" ON "KeyHandover"("expiresAt");
