-- DropIndex
DROP INDEX "Shipment_exportingAdministrationCode_idx";

-- DropIndex
DROP INDEX "Shipment_importingAdministrationCode_idx";

-- CreateIndex
CREATE INDEX "Shipment_importingAdministrationCode_departedOn_reference_idx" ON "Shipment"("importingAdministrationCode", "departedOn", "reference");

-- CreateIndex
CREATE INDEX "Shipment_exportingAdministrationCode_departedOn_reference_idx" ON "Shipment"("exportingAdministrationCode", "departedOn", "reference");
