-- CreateTable
CREATE TABLE "KeyHandover" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "sealedSecret" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByLabel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3),
    "openedIp" TEXT,
    "openedUserAgent" TEXT,
    "cancelledAt" TIMESTAMP(3),
    "cancelledByLabel" TEXT,
    "expiryRecordedAt" TIMESTAMP(3),

    CONSTRAINT "KeyHandover_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeyHandover_tokenHash_key" ON "KeyHandover"("tokenHash");

-- CreateIndex
CREATE INDEX "KeyHandover_keyId_createdAt_idx" ON "KeyHandover"("keyId", "createdAt");

-- CreateIndex
CREATE INDEX "KeyHandover_expiresAt_idx" ON "KeyHandover"("expiresAt");

-- AddForeignKey
ALTER TABLE "KeyHandover" ADD CONSTRAINT "KeyHandover_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "KeyHandover" ADD CONSTRAINT "KeyHandover_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "ApiKey"("id") ON DELETE CASCADE ON UPDATE CASCADE;
