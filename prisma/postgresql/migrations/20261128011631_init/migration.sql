-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Administration" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "jurisdiction" TEXT NOT NULL,
    "countries" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "verification" TEXT NOT NULL,

    CONSTRAINT "Administration_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Program" (
    "code" TEXT NOT NULL,
    "administrationCode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "launchedOn" TEXT,
    "launchNote" TEXT NOT NULL,
    "lifecycleNote" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "verification" TEXT NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "ProgramTier" (
    "programCode" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "rank" INTEGER NOT NULL,

    CONSTRAINT "ProgramTier_pkey" PRIMARY KEY ("programCode","code")
);

-- CreateTable
CREATE TABLE "ProgramRole" (
    "programCode" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "ProgramRole_pkey" PRIMARY KEY ("programCode","role")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "signedOn" TEXT,
    "signedPrecision" TEXT NOT NULL,
    "signedPlace" TEXT,
    "signedAsReported" TEXT NOT NULL,
    "inForceAsReported" TEXT NOT NULL,
    "directionNote" TEXT NOT NULL,
    "scopeNote" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "verification" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AgreementParty" (
    "agreementId" TEXT NOT NULL,
    "administrationCode" TEXT NOT NULL,
    "programCode" TEXT NOT NULL,

    CONSTRAINT "AgreementParty_pkey" PRIMARY KEY ("agreementId","programCode")
);

-- CreateTable
CREATE TABLE "AgreementStatusPeriod" (
    "id" SERIAL NOT NULL,
    "agreementId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "from" TEXT NOT NULL,
    "to" TEXT,
    "basis" TEXT NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "AgreementStatusPeriod_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recognition" (
    "id" TEXT NOT NULL,
    "agreementId" TEXT NOT NULL,
    "recognizingAdministrationCode" TEXT NOT NULL,
    "recognizedProgramCode" TEXT NOT NULL,
    "eligibleTiers" TEXT NOT NULL,
    "coveredRoles" TEXT NOT NULL,
    "effectiveFrom" TEXT,
    "effectiveTo" TEXT,
    "effectiveBasis" TEXT NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "Recognition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Benefit" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "category" TEXT NOT NULL,

    CONSTRAINT "Benefit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "RecognitionBenefit" (
    "recognitionId" TEXT NOT NULL,
    "benefitCode" TEXT NOT NULL,
    "detail" TEXT NOT NULL,

    CONSTRAINT "RecognitionBenefit_pkey" PRIMARY KEY ("recognitionId","benefitCode")
);

-- CreateTable
CREATE TABLE "Operator" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "administrationCode" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Operator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OperatorRole" (
    "operatorId" TEXT NOT NULL,
    "role" TEXT NOT NULL,

    CONSTRAINT "OperatorRole_pkey" PRIMARY KEY ("operatorId","role")
);

-- CreateTable
CREATE TABLE "OperatorIdentifier" (
    "operatorId" TEXT NOT NULL,
    "scheme" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "OperatorIdentifier_pkey" PRIMARY KEY ("scheme","value")
);

-- CreateTable
CREATE TABLE "Certification" (
    "id" TEXT NOT NULL,
    "operatorId" TEXT NOT NULL,
    "programCode" TEXT NOT NULL,
    "tierCode" TEXT,
    "status" TEXT NOT NULL,
    "certificateNumber" TEXT NOT NULL,
    "certifiedOn" TEXT NOT NULL,
    "validUntil" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Certification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationEvent" (
    "id" SERIAL NOT NULL,
    "certificationId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "recordedAt" TEXT NOT NULL,
    "recordedBy" TEXT NOT NULL,
    "statusAfter" TEXT NOT NULL,
    "tierAfter" TEXT,
    "validUntilAfter" TEXT,
    "reason" TEXT NOT NULL,

    CONSTRAINT "CertificationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Location" (
    "locode" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "countryCode" TEXT NOT NULL,

    CONSTRAINT "Location_pkey" PRIMARY KEY ("locode")
);

-- CreateTable
CREATE TABLE "Shipment" (
    "reference" TEXT NOT NULL,
    "consignorId" TEXT NOT NULL,
    "consigneeId" TEXT NOT NULL,
    "carrierId" TEXT,
    "originLocode" TEXT NOT NULL,
    "destinationLocode" TEXT NOT NULL,
    "exportingAdministrationCode" TEXT NOT NULL,
    "importingAdministrationCode" TEXT NOT NULL,
    "departedOn" TEXT NOT NULL,
    "arrivedOn" TEXT,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Shipment_pkey" PRIMARY KEY ("reference")
);

-- CreateTable
CREATE TABLE "GoodsLine" (
    "shipmentReference" TEXT NOT NULL,
    "lineNumber" INTEGER NOT NULL,
    "hsCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "grossMassKg" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "GoodsLine_pkey" PRIMARY KEY ("shipmentReference","lineNumber")
);

-- CreateIndex
CREATE INDEX "Program_administrationCode_idx" ON "Program"("administrationCode");

-- CreateIndex
CREATE INDEX "AgreementParty_administrationCode_idx" ON "AgreementParty"("administrationCode");

-- CreateIndex
CREATE INDEX "AgreementParty_programCode_idx" ON "AgreementParty"("programCode");

-- CreateIndex
CREATE INDEX "AgreementStatusPeriod_agreementId_idx" ON "AgreementStatusPeriod"("agreementId");

-- CreateIndex
CREATE INDEX "Recognition_agreementId_idx" ON "Recognition"("agreementId");

-- CreateIndex
CREATE INDEX "Recognition_recognizedProgramCode_idx" ON "Recognition"("recognizedProgramCode");

-- CreateIndex
CREATE INDEX "Recognition_recognizingAdministrationCode_idx" ON "Recognition"("recognizingAdministrationCode");

-- CreateIndex
CREATE INDEX "RecognitionBenefit_benefitCode_idx" ON "RecognitionBenefit"("benefitCode");

-- CreateIndex
CREATE INDEX "Operator_administrationCode_idx" ON "Operator"("administrationCode");

-- CreateIndex
CREATE INDEX "Operator_countryCode_idx" ON "Operator"("countryCode");

-- CreateIndex
CREATE INDEX "OperatorIdentifier_operatorId_idx" ON "OperatorIdentifier"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Certification_certificateNumber_key" ON "Certification"("certificateNumber");

-- CreateIndex
CREATE INDEX "Certification_operatorId_idx" ON "Certification"("operatorId");

-- CreateIndex
CREATE INDEX "Certification_programCode_idx" ON "Certification"("programCode");

-- CreateIndex
CREATE INDEX "CertificationEvent_certificationId_effectiveOn_idx" ON "CertificationEvent"("certificationId", "effectiveOn");

-- CreateIndex
CREATE INDEX "CertificationEvent_recordedAt_idx" ON "CertificationEvent"("recordedAt");

-- CreateIndex
CREATE INDEX "Shipment_consignorId_idx" ON "Shipment"("consignorId");

-- CreateIndex
CREATE INDEX "Shipment_departedOn_reference_idx" ON "Shipment"("departedOn", "reference");

-- CreateIndex
CREATE INDEX "Shipment_importingAdministrationCode_idx" ON "Shipment"("importingAdministrationCode");

-- CreateIndex
CREATE INDEX "Shipment_exportingAdministrationCode_idx" ON "Shipment"("exportingAdministrationCode");

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_administrationCode_fkey" FOREIGN KEY ("administrationCode") REFERENCES "Administration"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramTier" ADD CONSTRAINT "ProgramTier_programCode_fkey" FOREIGN KEY ("programCode") REFERENCES "Program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgramRole" ADD CONSTRAINT "ProgramRole_programCode_fkey" FOREIGN KEY ("programCode") REFERENCES "Program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_administrationCode_fkey" FOREIGN KEY ("administrationCode") REFERENCES "Administration"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementParty" ADD CONSTRAINT "AgreementParty_programCode_fkey" FOREIGN KEY ("programCode") REFERENCES "Program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AgreementStatusPeriod" ADD CONSTRAINT "AgreementStatusPeriod_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_agreementId_fkey" FOREIGN KEY ("agreementId") REFERENCES "Agreement"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_recognizingAdministrationCode_fkey" FOREIGN KEY ("recognizingAdministrationCode") REFERENCES "Administration"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Recognition" ADD CONSTRAINT "Recognition_recognizedProgramCode_fkey" FOREIGN KEY ("recognizedProgramCode") REFERENCES "Program"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecognitionBenefit" ADD CONSTRAINT "RecognitionBenefit_recognitionId_fkey" FOREIGN KEY ("recognitionId") REFERENCES "Recognition"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RecognitionBenefit" ADD CONSTRAINT "RecognitionBenefit_benefitCode_fkey" FOREIGN KEY ("benefitCode") REFERENCES "Benefit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorRole" ADD CONSTRAINT "OperatorRole_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OperatorIdentifier" ADD CONSTRAINT "OperatorIdentifier_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certification" ADD CONSTRAINT "Certification_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Operator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationEvent" ADD CONSTRAINT "CertificationEvent_certificationId_fkey" FOREIGN KEY ("certificationId") REFERENCES "Certification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoodsLine" ADD CONSTRAINT "GoodsLine_shipmentReference_fkey" FOREIGN KEY ("shipmentReference") REFERENCES "Shipment"("reference") ON DELETE RESTRICT ON UPDATE CASCADE;
