/**
 * Customs unions and membership over time.
 *
 * The importing administration of a consignment is the customs administration of the destination
 * country ON THE DATE THAT COUNTS: while a country is a member of a customs union (the EU customs union:
 * Croatia from 2013-07-01; the United Kingdom until 2020-12-31, its transition period), goods entering it
 * enter the union's customs territory and the union's programme and arrangements apply; before accession
 * and after withdrawal, the country's own administration does. A certification issued by a member
 * state's authority belongs to the union's programme (EU AEO certificates are issued by the member states).
 *
 * A membership whose start or end is not documented makes the importing administration unknown on the
 * dates it could cover: the answer is then UNDETERMINED, never a guess.
 *
 * Pure: imports nothing of the project.
 */

export type IsoDate = string;

export interface UnionMembership {
  /** The union's administration (EU-TAXUD). */
  unionAdministrationCode: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  /** First day of membership of the customs union; null = not documented. */
  from: IsoDate | null;
  /** First day after membership (exclusive); null = still a member (or, with `toUnknown`, left on an undocumented date). */
  to: IsoDate | null;
  /** True when the country left on a date nobody documented. */
  toUnknown?: boolean;
}

export interface AdministrationTerritory {
  code: string;
  /** ISO country code, or a union code (EU). */
  jurisdiction: string;
  /** Countries whose imports the administration controls (for a union: its members today). */
  countries: string[];
}

export type MembershipOnDate = 'MEMBER' | 'NOT_MEMBER' | 'UNKNOWN';

/** Whether `membership` covers `date`: MEMBER, NOT_MEMBER, or UNKNOWN when an undocumented bound could put the date either side. */
export function membershipOn(membership: UnionMembership, date: IsoDate): MembershipOnDate {
  const { from, to, toUnknown } = membership;
  if (from !== null && date < from) return 'NOT_MEMBER';
  if (to !== null && date >= to) return 'NOT_MEMBER';
  if (from === null) return 'UNKNOWN';
  if (toUnknown) return 'UNKNOWN';
  return 'MEMBER';
}

export type ImportingAdministration =
  | {
      code: string;
      /** How it was determined. */
      via: 'UNION' | 'NATIONAL' | 'RECORDED';
      /** The membership that made a union the importer, or (NATIONAL) the country's membership of a union at other times. */
      membership: UnionMembership | null;
      explanation: string | null;
    }
  | { code: null; unknown: 'MEMBERSHIP' | 'ADMINISTRATION'; explanation: string };

function describeMembership(m: UnionMembership): string {
  const since = m.from ? `from ${m.from}` : 'from an undocumented date';
  const until = m.to ? ` until ${m.to} (exclusive)` : m.toUnknown ? ' until an undocumented date' : '';
  return `${m.countryCode} is in the customs union of ${m.unionAdministrationCode} ${since}${until}`;
}

/**
 * The administration that controls imports into `countryCode` on `date`.
 * `countryCode` null (destination unknown): the recorded importing administration, when there is one.
 */
export function importingAdministrationOn(input: {
  countryCode: string | null | undefined;
  date: IsoDate;
  memberships: readonly UnionMembership[];
  administrations: readonly AdministrationTerritory[];
  recordedCode?: string | null;
}): ImportingAdministration {
  const { countryCode, date, memberships, administrations, recordedCode } = input;
  if (!countryCode) {
    if (recordedCode) return { code: recordedCode, via: 'RECORDED', membership: null, explanation: null };
    return { code: null, unknown: 'ADMINISTRATION', explanation: 'The destination country is not recorded, so the importing administration is unknown.' };
  }
  const rows = memberships.filter((m) => m.countryCode === countryCode);
  const member = rows.find((m) => membershipOn(m, date) === 'MEMBER');
  if (member) {
    return {
      code: member.unionAdministrationCode,
      via: 'UNION',
      membership: member,
      explanation: `On ${date} ${describeMembership(member)}, so ${member.unionAdministrationCode} is the importing administration.`,
    };
  }
  const unknown = rows.find((m) => membershipOn(m, date) === 'UNKNOWN');
  if (unknown) {
    return {
      code: null,
      unknown: 'MEMBERSHIP',
      explanation: `${describeMembership(unknown)}; whether it was a member on ${date} is not documented, so the importing administration is unknown.`,
    };
  }
  const unions = new Set(memberships.map((m) => m.unionAdministrationCode));
  const national =
    administrations.find((a) => a.jurisdiction === countryCode && !unions.has(a.code)) ??
    administrations.find((a) => !unions.has(a.code) && a.countries.includes(countryCode));
  const former = rows.find((m) => m.to !== null && date >= m.to) ?? null;
  const future = rows.find((m) => m.from !== null && date < m.from) ?? null;
  const context = former
    ? `${countryCode} left the customs union of ${former.unionAdministrationCode} on ${former.to}`
    : future
      ? `${countryCode} joined the customs union of ${future.unionAdministrationCode} only on ${future.from}`
      : null;
  if (!national) {
    return {
      code: null,
      unknown: 'ADMINISTRATION',
      explanation: `${context ? `${context}; ` : ''}no customs administration of ${countryCode} on ${date} is in the registry, so the importing administration is unknown.`,
    };
  }
  return {
    code: national.code,
    via: 'NATIONAL',
    membership: former ?? future,
    explanation: context ? `${context}, so on ${date} its own administration ${national.code} is the importing administration.` : null,
  };
}
