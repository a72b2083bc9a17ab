-- AlterTable
ALTER TABLE "ProgramTier" ADD COLUMN     "scope" TEXT NOT NULL DEFAULT 'SECURITY';

-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN     "importDeclaredOn" TEXT,
ADD COLUMN     "partnerAeoId" TEXT,
ADD COLUMN     "shipperIdentifier" TEXT;

-- CreateTable
CREATE TABLE "DateFact" (
    "subject" TEXT NOT NULL,
    "fact" TEXT NOT NULL,
    "value" TEXT,
    "precision" TEXT NOT NULL,
    "basis" TEXT NOT NULL,
    "verificationLevel" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "DateFact_pkey" PRIMARY KEY ("subject","fact")
);

-- CreateTable
CREATE TABLE "RecognitionCondition" (
    "id" SERIAL NOT NULL,
    "subject" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "verificationLevel" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,

    CONSTRAINT "RecognitionCondition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CustomsUnionMembership" (
    "id" TEXT NOT NULL,
    "unionAdministrationCode" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT,
    "toUnknown" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "verification" TEXT NOT NULL,

    CONSTRAINT "CustomsUnionMembership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataExchangeConsent" (
    "id" SERIAL NOT NULL,
    "certificationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "partnerAdministrationCode" TEXT,
    "recordedAt" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "DataExchangeConsent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RecognitionCondition_subject_idx" ON "RecognitionCondition"("subject");

-- CreateIndex
CREATE INDEX "CustomsUnionMembership_countryCode_idx" ON "CustomsUnionMembership"("countryCode");

-- CreateIndex
CREATE INDEX "DataExchangeConsent_certificationId_idx" ON "DataExchangeConsent"("certificationId");
