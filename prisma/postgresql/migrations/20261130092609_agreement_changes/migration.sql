-- CreateTable
CREATE TABLE "AgreementChange" (
    "id" SERIAL NOT NULL,
    "agreementId" TEXT NOT NULL,
    "statusPeriodId" INTEGER NOT NULL,
    "recordedAt" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "closedPeriodId" INTEGER,
    "closedPeriodToBefore" TEXT,

    CONSTRAINT "AgreementChange_pkey" PRIMARY KEY ("id")
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

    CONSTRAINT "AgreementChangeDirection_pkey" PRIMARY KEY ("changeId","recognitionId")
);

-- CreateIndex
CREATE INDEX "AgreementChange_agreementId_recordedAt_idx" ON "AgreementChange"("agreementId", "recordedAt");

-- AddForeignKey
ALTER TABLE "AgreementChange" ADD CONSTRAINT "AgreementChange_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementChangeDirection" ADD CONSTRAINT "AgreementChangeDirection_changeId_fkey" FOREIGN KEY ("changeId") REFERENCES "AgreementChange"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
