-- AlterTable
ALTER TABLE "ApiRequest" ADD COLUMN     "upstreamMs" DOUBLE PRECISION,
ADD COLUMN     "upstreamStatus" INTEGER;
