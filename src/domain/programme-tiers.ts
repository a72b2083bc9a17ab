/**
 * Tiers as each programme defines them, and which of them mutual recognition can cover.
 *
 * Mutual recognition arrangements recognize supply-chain SECURITY certifications (the WCO SAFE AEO).
 * Some programmes also grant tiers that are not security certifications: the EU's and the UK's AEOC
 * (customs simplifications), Brazil's OEA-C (compliance), and Mexico's IVA/IEPS certification modalities
 * A, AA and AAA (a tax certification, distinct from the security OEA). A recognition that does not name
 * its tiers covers the programme's security tiers only; a recognition that names them covers those.
 *
 * Pure: imports nothing of the project.
 */

export type TierScope = 'SECURITY' | 'CUSTOMS_COMPLIANCE' | 'TAX';

export const TIER_SCOPES: readonly TierScope[] = ['SECURITY', 'CUSTOMS_COMPLIANCE', 'TAX'];

/** Stands for "no tier of this programme is covered" in a tier list (an empty list means every tier). */
export const NO_SECURITY_TIER = '(no security tier)';

export interface ProgrammeTier {
  code: string;
  scope: string;
}

/**
 * The tiers a recognition covers: the listed ones when it lists any; otherwise the programme's security
 * tiers when some of its tiers are not security certifications; otherwise [] (every tier, or a programme
 * without tiers).
 */
export function recognizedTiers(listed: readonly string[], programmeTiers: readonly ProgrammeTier[]): string[] {
  if (listed.length > 0) return [...listed];
  const security = programmeTiers.filter((t) => t.scope === 'SECURITY').map((t) => t.code);
  if (security.length === programmeTiers.length) return [];
  // No security tier at all: nothing is covered (a code no certification holds, since [] would mean every tier).
  return security.length > 0 ? security : [NO_SECURITY_TIER];
}
