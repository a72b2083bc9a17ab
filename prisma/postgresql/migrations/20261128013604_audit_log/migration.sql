-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" SERIAL NOT NULL,
    "at" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientKind" TEXT NOT NULL,
    "administrationCode" TEXT NOT NULL,
    "documentId" TEXT,
    "operationName" TEXT,
    "operationType" TEXT,
    "outcome" TEXT NOT NULL,
    "errorCodes" TEXT NOT NULL,

    CONSTRAINT "AuditEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditEntry_administrationCode_id_idx" ON "AuditEntry"("administrationCode", "id");
