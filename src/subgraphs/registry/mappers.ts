/** Resolver parent types of the registry subgraph (codegen `mappers`). */
import type {
  Administration,
  Program,
  ProgramTier,
  Agreement,
  AgreementParty,
  AgreementStatusPeriod,
  Benefit,
  RecognitionRow,
} from '../../data/registry-repository.js';
import type { Finding, ShipmentRecognitionOutcome, CertificationPeriod, CertificationEventInput } from '../../domain/recognition.js';

export type AdministrationParent = Administration;
export type ProgramParent = Program;
export type TierParent = ProgramTier;
export type AgreementParent = Agreement;
export type AgreementPartyParent = AgreementParty;
export type AgreementStatusPeriodParent = AgreementStatusPeriod;
export type RecognitionParent = RecognitionRow;
export type BenefitParent = Benefit;

/** The facts the gateway brings from the operators subgraph through @requires (absent when they did not arrive). */
export interface CertificationRepresentation {
  id: string;
  program: { code: string };
  periods: CertificationPeriod[];
  /** The event history with recording times (recognition asRecordedAt). */
  history?: CertificationEventInput[];
}
export interface OperatorParent {
  id: string;
  administration?: { code: string };
  roles?: string[];
  certifications?: CertificationRepresentation[] | null;
}
export interface ShipmentParent {
  reference: string;
  departedOn?: string;
  importingAdministration?: { code: string };
  consignor?: OperatorParent | null;
}
export interface ShipmentRecognitionParent {
  importingAdministrationCode: string;
  asOf: string;
  outcome: ShipmentRecognitionOutcome;
  rows: Map<string, RecognitionRow>;
}
export interface RecognitionFindingParent {
  finding: Finding;
  rows: Map<string, RecognitionRow>;
}
