-- AlterTable
ALTER TABLE "AgreementStatusPeriod" ADD COLUMN     "recordedAt" TEXT,
ADD COLUMN     "recordedBy" TEXT;

-- AlterTable
ALTER TABLE "CertificationEvent" ADD COLUMN     "statusBefore" TEXT,
ADD COLUMN     "tierBefore" TEXT,
ADD COLUMN     "validUntilBefore" TEXT;

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "clientId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL,

    CONSTRAINT "IdempotencyRecord_pkey" PRIMARY KEY ("clientId","key")
);

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");
