-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN "rateLimitPeriod" TEXT;
ALTER TABLE "ApiKey" ADD COLUMN "rateLimitRequests" INTEGER;

-- CreateTable
CREATE TABLE "AnonymousRefusalRollup" (
    "hour" DATETIME NOT NULL,
    "ip" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("hour", "ip", "decision")
);
