-- CreateTable
CREATE TABLE "RegisterCoverage" (
    "administrationCode" TEXT NOT NULL,
    "completeAsOf" TEXT NOT NULL,
    "verificationLevel" TEXT NOT NULL,
    "sourceUrls" TEXT NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "RegisterCoverage_pkey" PRIMARY KEY ("administrationCode")
);
