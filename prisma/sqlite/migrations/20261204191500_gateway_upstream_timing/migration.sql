-- AlterTable
ALTER TABLE "ApiRequest" ADD COLUMN "upstreamMs" REAL;
ALTER TABLE "ApiRequest" ADD COLUMN "upstreamStatus" INTEGER;
