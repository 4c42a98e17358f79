-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "nameKey" TEXT;

-- CreateIndex
CREATE INDEX "ApiKey_workspaceId_nameKey_idx" ON "ApiKey"("workspaceId", "nameKey");
