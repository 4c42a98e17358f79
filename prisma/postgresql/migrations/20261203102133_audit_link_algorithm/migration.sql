-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "linkAlgorithm" TEXT NOT NULL DEFAULT 'sha256';
