/**
 * Where a benefit of mutual recognition applies.
 *
 * BORDER benefits act on a consignment when it is declared or arrives (fewer examinations, priority
 * clearance, a lower risk score, business resumption after a disruption, simpler documents, guarantee
 * exemption): a shipment's recognition lists only these. PROGRAMME benefits act on the operator's
 * membership (no duplicate validation, common standards, marketability, a liaison officer, partners
 * counted as secure business partners): they belong to the recognition, not to a consignment.
 *
 * Pure: imports nothing of the project.
 */

export type BenefitScope = 'BORDER' | 'PROGRAMME';

/** The category column of prisma/seed/data/benefits.csv, mapped to where the benefit applies. */
export const BENEFIT_CATEGORY_SCOPES: Readonly<Record<string, BenefitScope>> = {
  CONTROL: 'BORDER',
  CLEARANCE: 'BORDER',
  RISK: 'BORDER',
  CONTINUITY: 'BORDER',
  ADMINISTRATIVE: 'BORDER',
  FINANCIAL: 'BORDER',
  VALIDATION: 'PROGRAMME',
  COMMERCIAL: 'PROGRAMME',
  COMMUNICATION: 'PROGRAMME',
  APPLICATION: 'PROGRAMME',
};

/** Where a benefit of `category` applies; an unknown category is never claimed at the border. */
export function benefitScope(category: string | null | undefined): BenefitScope {
  return (category && BENEFIT_CATEGORY_SCOPES[category]) || 'PROGRAMME';
}

/** Splits benefit codes into those that apply to a consignment and those of the programme (each sorted, deduplicated). */
export function splitBenefits(codes: readonly string[], scopes: Readonly<Record<string, BenefitScope>> | undefined): { border: string[]; programme: string[] } {
  const unique = [...new Set(codes)].sort();
  if (!scopes) return { border: unique, programme: [] };
  return {
    border: unique.filter((c) => scopes[c] === 'BORDER'),
    programme: unique.filter((c) => scopes[c] !== 'BORDER'),
  };
}
