-- CreateTable
CREATE TABLE "ApiRecord" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "attributes" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ApiRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT,
    "keyId" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "resource" TEXT,
    "requiredScope" TEXT,
    "decision" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" REAL NOT NULL,
    "ip" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ApiRecord_workspaceId_resource_id_idx" ON "ApiRecord"("workspaceId", "resource", "id");

-- CreateIndex
CREATE INDEX "ApiRequest_workspaceId_createdAt_idx" ON "ApiRequest"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiRequest_keyId_createdAt_idx" ON "ApiRequest"("keyId", "createdAt");
