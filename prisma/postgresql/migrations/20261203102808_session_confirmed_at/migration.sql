-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;


-- Backfill: a session open before this migration was last confirmed when it signed in, not now.
UPDATE "Session" SET "confirmedAt" = "createdAt";
