-- CreateTable
CREATE TABLE "AgreementChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "agreementId" TEXT NOT NULL,
    "statusPeriodId" INTEGER NOT NULL,
    "recordedAt" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "closedPeriodId" INTEGER,
    "closedPeriodToBefore" TEXT,
    CONSTRAINT "AgreementChange_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AgreementChangeDirection" (
    "changeId" INTEGER NOT NULL,
    "recognitionId" TEXT NOT NULL,
    "effectiveFromBefore" TEXT,
    "effectiveToBefore" TEXT,
    "effectiveBasisBefore" TEXT NOT NULL,
    "effectiveFromAfter" TEXT,
    "effectiveToAfter" TEXT,
    "effectiveBasisAfter" TEXT NOT NULL,

    PRIMARY KEY ("changeId", "recognitionId"),
    CONSTRAINT "AgreementChangeDirection_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "AgreementChange" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AgreementChange_agreementId_recordedAt_idx" ON "AgreementChange"("agreementId", "recordedAt");
