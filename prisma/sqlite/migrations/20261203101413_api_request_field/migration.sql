-- AlterTable
ALTER TABLE "ApiRequest" ADD COLUMN "field" TEXT;
