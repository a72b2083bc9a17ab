/**
 * Register coverage: the registry does not record every arrangement in the world. For an administration (as the
 * recognizing side) its list of arrangements is known to be complete only up to the date of the official list it
 * was checked against (prisma/seed/data/register_coverage.csv). Before or on that date, the absence of an
 * arrangement is an established fact; after it, or for an administration with no such check, it is unknown.
 *
 * Pure: imports nothing of the project.
 */
type IsoDate = string;

export interface RegisterCoverage {
  /** The recognizing administration whose arrangements were checked. */
  administrationCode: string;
  /** Every arrangement of that administration in existence on this date is recorded. */
  completeAsOf: IsoDate;
}

/** The coverage of `administrationCode`, or null when none is declared. */
export function coverageOf(coverage: readonly RegisterCoverage[] | null | undefined, administrationCode: string): RegisterCoverage | null {
  return (coverage ?? []).find((c) => c.administrationCode === administrationCode) ?? null;
}

/**
 * Is the register's list of `administrationCode`'s arrangements complete on `date`? Only when it was checked
 * complete as of that date or later: then "no arrangement recorded" means there was none.
 */
export function registerCompleteOn(coverage: readonly RegisterCoverage[] | null | undefined, administrationCode: string, date: IsoDate): boolean {
  const c = coverageOf(coverage, administrationCode);
  return c !== null && c.completeAsOf >= date;
}
