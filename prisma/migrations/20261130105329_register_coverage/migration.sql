-- CreateTable
CREATE TABLE "RegisterCoverage" (
    "administrationCode" TEXT NOT NULL PRIMARY KEY,
    "completeAsOf" TEXT NOT NULL,
    "verificationLevel" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "note" TEXT NOT NULL
);
