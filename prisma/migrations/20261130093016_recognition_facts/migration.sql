-- AlterTable
ALTER TABLE "Shipment" ADD COLUMN "importDeclaredOn" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "partnerAeoId" TEXT;
ALTER TABLE "Shipment" ADD COLUMN "shipperIdentifier" TEXT;

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

    PRIMARY KEY ("subject", "fact")
);

-- CreateTable
CREATE TABLE "RecognitionCondition" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "subject" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "verificationLevel" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CustomsUnionMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unionAdministrationCode" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "from" TEXT,
    "to" TEXT,
    "toUnknown" BOOLEAN NOT NULL DEFAULT false,
    "note" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "verification" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "DataExchangeConsent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "certificationId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "partnerAdministrationCode" TEXT,
    "recordedAt" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "note" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProgramTier" (
    "programCode" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'SECURITY',

    PRIMARY KEY ("programCode", "code"),
    CONSTRAINT "ProgramTier_programCode_fkey" FOREIGN KEY ("programCode") REFERENCES "Program" ("code") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_ProgramTier" ("code", "name", "programCode", "rank") SELECT "code", "name", "programCode", "rank" FROM "ProgramTier";
DROP TABLE "ProgramTier";
ALTER TABLE "new_ProgramTier" RENAME TO "ProgramTier";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "RecognitionCondition_subject_idx" ON "RecognitionCondition"("subject");

-- CreateIndex
CREATE INDEX "CustomsUnionMembership_countryCode_idx" ON "CustomsUnionMembership"("countryCode");

-- CreateIndex
CREATE INDEX "DataExchangeConsent_certificationId_idx" ON "DataExchangeConsent"("certificationId");
