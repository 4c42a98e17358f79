-- CreateTable
CREATE TABLE "ApiRecord" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "resource" TEXT NOT NULL,
    "attributes" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiRequest" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT,
    "keyId" TEXT,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "resource" TEXT,
    "requiredScope" TEXT,
    "decision" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "latencyMs" DOUBLE PRECISION NOT NULL,
    "ip" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiRecord_workspaceId_resource_id_idx" ON "ApiRecord"("workspaceId", "resource", "id");

-- CreateIndex
CREATE INDEX "ApiRequest_workspaceId_createdAt_idx" ON "ApiRequest"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "ApiRequest_keyId_createdAt_idx" ON "ApiRequest"("keyId", "createdAt");

-- AddForeignKey
ALTER TABLE "ApiRecord" ADD CONSTRAINT "ApiRecord_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
