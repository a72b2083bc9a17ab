-- AlterTable
ALTER TABLE "AgreementStatusPeriod" ADD COLUMN "recordedAt" TEXT;
ALTER TABLE "AgreementStatusPeriod" ADD COLUMN "recordedBy" TEXT;

-- AlterTable
ALTER TABLE "CertificationEvent" ADD COLUMN "statusBefore" TEXT;
ALTER TABLE "CertificationEvent" ADD COLUMN "tierBefore" TEXT;
ALTER TABLE "CertificationEvent" ADD COLUMN "validUntilBefore" TEXT;

-- CreateTable
CREATE TABLE "IdempotencyRecord" (
    "clientId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "requestHash" TEXT NOT NULL,
    "response" TEXT NOT NULL,
    "createdAt" TEXT NOT NULL,

    PRIMARY KEY ("clientId", "key")
);

-- CreateIndex
CREATE INDEX "IdempotencyRecord_createdAt_idx" ON "IdempotencyRecord"("createdAt");
