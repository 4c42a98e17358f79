-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "ipAllowList" TEXT NOT NULL DEFAULT '[]';
