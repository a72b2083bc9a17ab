-- CreateTable
CREATE TABLE "AuditEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientKind" TEXT NOT NULL,
    "administrationCode" TEXT NOT NULL,
    "documentId" TEXT,
    "operationName" TEXT,
    "operationType" TEXT,
    "outcome" TEXT NOT NULL,
    "errorCodes" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "AuditEntry_administrationCode_id_idx" ON "AuditEntry"("administrationCode", "id");
