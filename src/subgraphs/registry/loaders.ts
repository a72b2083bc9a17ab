/** Per-request DataLoaders for the registry subgraph: created in the context function, never shared between requests. */
import DataLoader from 'dataloader';
import type { AgreementChangeRecord, RegistryReader } from '../../data/registry-repository.js';
import type { RecognitionFactsRepository } from '../../data/recognition-facts-repository.js';

export function createRegistryLoaders(repo: RegistryReader, facts: RecognitionFactsRepository) {
  // Recording time: one loader per instant asked (asRecordedAt), each batching the agreements of the request.
  const changesAfter = new Map<string, DataLoader<string, AgreementChangeRecord[]>>();
  const agreementChangesRecordedAfter = (instant: string) => {
    let loader = changesAfter.get(instant);
    if (!loader) {
      loader = new DataLoader((ids: readonly string[]) => repo.agreementChangesRecordedAfter(ids, instant));
      changesAfter.set(instant, loader);
    }
    return loader;
  };
  return {
    agreementChangesRecordedAfter,
    administrationByCode: new DataLoader((codes: readonly string[]) => repo.administrationsByCodes(codes)),
    programByCode: new DataLoader((codes: readonly string[]) => repo.programsByCodes(codes)),
    programsByAdministration: new DataLoader((codes: readonly string[]) => repo.programsByAdministrations(codes)),
    tiersByProgram: new DataLoader((codes: readonly string[]) => repo.tiersByPrograms(codes)),
    rolesByProgram: new DataLoader((codes: readonly string[]) => repo.rolesByPrograms(codes)),
    agreementById: new DataLoader((ids: readonly string[]) => repo.agreementsByIds(ids)),
    agreementIdsByAdministration: new DataLoader((codes: readonly string[]) => repo.agreementIdsByParty('administrationCode', codes)),
    agreementIdsByProgram: new DataLoader((codes: readonly string[]) => repo.agreementIdsByParty('programCode', codes)),
    partiesByAgreement: new DataLoader((ids: readonly string[]) => repo.partiesByAgreements(ids)),
    statusByAgreement: new DataLoader((ids: readonly string[]) => repo.statusByAgreements(ids)),
    recognitionById: new DataLoader((ids: readonly string[]) => repo.recognitionsByIds(ids)),
    recognitionsByAgreement: new DataLoader((ids: readonly string[]) => repo.recognitionsBy('agreementId', ids)),
    recognitionsByProgram: new DataLoader((codes: readonly string[]) => repo.recognitionsBy('recognizedProgramCode', codes)),
    benefitByCode: new DataLoader((codes: readonly string[]) => repo.benefitsByCodes(codes)),
    dateFactsBySubject: new DataLoader((subjects: readonly string[]) => facts.dateFactsBySubjects(subjects)),
    consentsByCertification: new DataLoader((ids: readonly string[]) => facts.consentsByCertifications(ids)),
  };
}

export type RegistryLoaders = ReturnType<typeof createRegistryLoaders>;
