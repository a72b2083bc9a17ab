-- AlterTable
ALTER TABLE "AgreementStatusPeriod" ADD COLUMN     "recordedByAdministration" TEXT;

-- AlterTable
ALTER TABLE "Recognition" ADD COLUMN     "recordedAt" TEXT,
ADD COLUMN     "recordedBy" TEXT;

-- CreateTable
CREATE TABLE "AgreementProposal" (
    "id" SERIAL NOT NULL,
    "agreementId" TEXT NOT NULL,
    "input" TEXT NOT NULL,
    "proposedByAdministration" TEXT NOT NULL,
    "proposedBy" TEXT NOT NULL,
    "proposedAt" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "awaiting" TEXT NOT NULL,
    "confirmedBy" TEXT NOT NULL DEFAULT '',
    "decidedAt" TEXT,
    "decidedBy" TEXT,
    "decisionReason" TEXT,

    CONSTRAINT "AgreementProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AgreementProposal_agreementId_idx" ON "AgreementProposal"("agreementId");
