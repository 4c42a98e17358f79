-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "rateLimitPeriod" TEXT,
ADD COLUMN     "rateLimitRequests" INTEGER;

-- CreateTable
CREATE TABLE "AnonymousRefusalRollup" (
    "hour" TIMESTAMP(3) NOT NULL,
    "ip" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "AnonymousRefusalRollup_pkey" PRIMARY KEY ("hour","ip","decision")
);
