/** Glue between registry rows, @requires representations and the pure recognition rules. */
import type { RecognitionRow } from '../../data/registry-repository.js';
import { splitList } from '../../data/batch.js';
import type { AgreementStatusPeriod as RuleStatusPeriod, CertificationFacts, EffectiveBasis, RecognitionRule } from '../../domain/recognition.js';
import type { RegistryContext } from './context.js';
import type { CertificationRepresentation } from './mappers.js';

export function toRule(row: RecognitionRow): RecognitionRule {
  return {
    id: row.id,
    agreementId: row.agreementId,
    agreementTitle: row.agreement.title,
    recognizingAdministrationCode: row.recognizingAdministrationCode,
    recognizedProgramCode: row.recognizedProgramCode,
    eligibleTiers: splitList(row.eligibleTiers),
    coveredRoles: splitList(row.coveredRoles),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    effectiveBasis: row.effectiveBasis as EffectiveBasis,
    agreementStatus: row.agreement.statusPeriods.map((p) => ({ status: p.status as RuleStatusPeriod['status'], from: p.from, to: p.to })),
    benefitCodes: row.benefits.map((b) => b.benefitCode).sort(),
  };
}

/** Loads the recognitions of every programme the certifications belong to, and the certifying administrations. */
export async function loadRecognitionInputs(ctx: RegistryContext, certifications: CertificationRepresentation[]) {
  const programCodes = [...new Set(certifications.map((c) => c.program.code))];
  const [programs, recognitionLists] = await Promise.all([
    ctx.loaders.programByCode.loadMany(programCodes),
    ctx.loaders.recognitionsByProgram.loadMany(programCodes),
  ]);
  const administrationOf = new Map<string, string>();
  programs.forEach((p, i) => {
    if (p && !(p instanceof Error)) administrationOf.set(programCodes[i], p.administrationCode);
  });
  const rows = new Map<string, RecognitionRow>();
  for (const list of recognitionLists) {
    if (list instanceof Error) throw list;
    for (const row of list) rows.set(row.id, row);
  }
  const facts: CertificationFacts[] = certifications.map((c) => ({
    id: c.id,
    programCode: c.program.code,
    administrationCode: administrationOf.get(c.program.code) ?? '',
    periods: c.periods,
  }));
  return { facts, rows, rules: [...rows.values()].map(toRule) };
}
