/**
 * The facts behind recognition answers that are not agreements or recognitions: documented recognition
 * conditions, customs-union membership over time, the verification ledger of dates, and operators' consent
 * to data exchange. Conditions and memberships are small curated tables with no API writes: they are read
 * once per process and kept. Date facts and consents are read per request, in batches.
 */
import type { Db } from './client.js';
import { directReads, table, type DirectReads } from './direct-reads.js';
import { Prisma } from './generated/sqlite/client.js';
import type { CustomsUnionMembership, DataExchangeConsent, DateFact, RecognitionCondition } from './generated/sqlite/client.js';

export type { CustomsUnionMembership, DataExchangeConsent, DateFact, RecognitionCondition };

export const DATE_FACT = table<DateFact>('DateFact', Prisma.DateFactScalarFieldEnum);
export const DATA_EXCHANGE_CONSENT = table<DataExchangeConsent>('DataExchangeConsent', Prisma.DataExchangeConsentScalarFieldEnum);

/** The per-request batches (date facts, consents) are keyed batch reads through direct-reads.ts. */
export class RecognitionFactsRepository {
  private conditionsOnce: Promise<RecognitionCondition[]> | null = null;
  private membershipsOnce: Promise<CustomsUnionMembership[]> | null = null;
  private readonly reads: DirectReads;

  constructor(private readonly db: Db) {
    this.reads = directReads(db);
  }

  /** Every documented condition (a few dozen rows), ordered by subject then id. */
  conditions(): Promise<RecognitionCondition[]> {
    this.conditionsOnce ??= this.db.recognitionCondition.findMany({ orderBy: [{ subject: 'asc' }, { id: 'asc' }] }).catch((error: unknown) => {
      this.conditionsOnce = null;
      throw error;
    });
    return this.conditionsOnce;
  }

  /** Every customs-union membership, ordered by country then start. */
  memberships(): Promise<CustomsUnionMembership[]> {
    this.membershipsOnce ??= this.db.customsUnionMembership.findMany({ orderBy: [{ countryCode: 'asc' }, { id: 'asc' }] }).catch((error: unknown) => {
      this.membershipsOnce = null;
      throw error;
    });
    return this.membershipsOnce;
  }

  /** The ledger rows of each subject (agreement or recognition id), in key order. */
  dateFactsBySubjects(subjects: readonly string[]): Promise<DateFact[][]> {
    return this.reads.groupedByKey(DATE_FACT, 'subject', subjects, ['subject', 'fact']);
  }

  /** The consent records of each certification, in key order, oldest first. */
  consentsByCertifications(ids: readonly string[]): Promise<DataExchangeConsent[][]> {
    return this.reads.groupedByKey(DATA_EXCHANGE_CONSENT, 'certificationId', ids, ['effectiveOn', 'id']);
  }
}
