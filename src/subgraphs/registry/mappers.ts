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
import type { CertificationEventRecord } from '../../domain/recognition.js';
import type { AgreementProposalView, ProposedAgreement } from '../../data/agreement-changes-repository.js';
import type { AnswerFinding, OperatorRecognitionAnswer, RecognitionAnswer } from '../../domain/recognition-answer.js';
import type { CustomsUnionMembership, DateFact, RecognitionCondition } from '../../data/recognition-facts-repository.js';

export type AdministrationParent = Administration;
export type ProgramParent = Program;
export type TierParent = ProgramTier;
export type AgreementParent = Agreement;
export type AgreementPartyParent = AgreementParty;
export type AgreementStatusPeriodParent = AgreementStatusPeriod;
export type RecognitionParent = RecognitionRow;
export type BenefitParent = Benefit;
export type AgreementProposalParent = AgreementProposalView;
export type ProposedPartyParent = ProposedAgreement['parties'][number];
export type ProposedDirectionParent = ProposedAgreement['directions'][number];

/** The facts the gateway brings from the operators subgraph through @requires (absent when they did not arrive). */
export interface CertificationRepresentation {
  id: string;
  /** Asked by the recognition answers (a declared partner AEO identifier is compared with it). */
  certificateNumber?: string;
  program: { code: string };
  /**
   * The event history with recording times: the registry derives the periods from it (src/subgraphs/registry/recognition.ts,
   * as the operators subgraph derives its `periods` field), as recorded at an instant for asRecordedAt.
   */
  history?: CertificationEventRecord[];
}
export interface OperatorParent {
  id: string;
  name?: string;
  /** Need-to-know: null when not disclosed to the caller. */
  identifiers?: { scheme?: string; value: string }[] | null;
  administration?: { code: string };
  roles?: string[];
  certifications?: CertificationRepresentation[] | null;
}
export interface ShipmentParent {
  reference: string;
  departedOn?: string;
  arrivedOn?: string | null;
  importDeclaredOn?: string | null;
  partnerAeoId?: string | null;
  shipperIdentifier?: string | null;
  destinationCountry?: string;
  importingAdministration?: { code: string };
  consignor?: OperatorParent | null;
}
/** A recognition answer (src/domain/recognition-answer.ts) with the rows its recognitions come from. */
export interface ShipmentRecognitionParent {
  answer: RecognitionAnswer;
  rows: Map<string, RecognitionRow>;
}
export interface RecognitionFindingParent {
  finding: AnswerFinding;
  rows: Map<string, RecognitionRow>;
}
export interface OperatorRecognitionAnswerParent {
  answer: OperatorRecognitionAnswer;
  rows: Map<string, RecognitionRow>;
}
export type RecognitionConditionParent = RecognitionCondition;
export type DateFactParent = DateFact;
export type CustomsUnionMembershipParent = CustomsUnionMembership;
