/**
 * Recording time: what the registry knew at an instant.
 *
 * The registry keeps two times for every fact: when it holds (valid time: a certification event's
 * effectiveOn, a status period's [from, to)) and when it was recorded (recordedAt). A change can be
 * recorded late with an earlier effective date (a backdated suspension), so today's answer for a past
 * shipment may differ from the answer given at the time. These functions rebuild the facts as recorded at
 * an instant, so that the earlier answer stays reproducible (recognition `asRecordedAt`).
 *
 * Pure: imports nothing. Instants are ISO 8601 timestamps; a null recordedAt is curated data, known
 * from the start.
 */

/** An ISO 8601 instant (e.g. 2026-11-30T09:00:00.000Z). */
export type Instant = string;

function epoch(instant: Instant): number {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not an ISO 8601 instant: ${JSON.stringify(instant)}`);
  return ms;
}

/** True when a fact recorded at `recordedAt` (null: curated, known from the start) was known at `instant`. */
export function knownAt(recordedAt: string | null | undefined, instant: Instant): boolean {
  return recordedAt == null || epoch(recordedAt) <= epoch(instant);
}

/** The events (certification history) already recorded at `instant`, in their order. */
export function recordedBy<E extends { recordedAt: string }>(events: readonly E[], instant: Instant): E[] {
  return events.filter((e) => knownAt(e.recordedAt, instant));
}

/** A status period of an agreement as stored: the id that changes refer to and when it was recorded. */
export interface RecordedStatusPeriod {
  id: number;
  from: string;
  to: string | null;
  recordedAt: string | null;
}

/** A direction's dates, as stored today. */
export interface DirectionDates {
  id: string;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  effectiveBasis: string;
}

/** One recorded agreement status change and what it replaced. */
export interface AgreementChangeRecord {
  /** The period the change started. */
  statusPeriodId: number;
  recordedAt: Instant;
  /** The period it ended and that period's end before the change (null: open-ended). */
  closedPeriodId: number | null;
  closedPeriodToBefore: string | null;
  directions: { recognitionId: string; effectiveFromBefore: string | null; effectiveToBefore: string | null; effectiveBasisBefore: string }[];
}

export interface AgreementAsRecorded<P, D> {
  /** False when the agreement itself was recorded after the instant (every status period is later). */
  known: boolean;
  /** The status periods known at the instant, ends as they were then; ordered by from. */
  periods: P[];
  /** The directions with their dates as they were then (same order as given). */
  directions: D[];
}

/**
 * The agreement as the registry knew it at `instant`: undoes, newest first, every recorded change recorded
 * after it (removing the period it started, restoring the end of the period it closed and the dates of the
 * directions it re-dated). A period recorded after the instant without a change record (the periods of an
 * agreement recorded after it, or changes recorded before changes were kept) is dropped, and the period it
 * followed is open-ended again.
 */
export function agreementAsRecordedAt<P extends RecordedStatusPeriod, D extends DirectionDates>(
  current: { periods: readonly P[]; directions: readonly D[] },
  changes: readonly AgreementChangeRecord[],
  instant: Instant,
): AgreementAsRecorded<P, D> {
  const periods = new Map(current.periods.map((p) => [p.id, { ...p }]));
  const directions = new Map(current.directions.map((d) => [d.id, { ...d }]));
  const later = changes
    .filter((c) => !knownAt(c.recordedAt, instant))
    .sort((a, b) => epoch(b.recordedAt) - epoch(a.recordedAt) || b.statusPeriodId - a.statusPeriodId);
  for (const change of later) {
    periods.delete(change.statusPeriodId);
    const closed = change.closedPeriodId === null ? undefined : periods.get(change.closedPeriodId);
    if (closed) closed.to = change.closedPeriodToBefore;
    for (const d of change.directions) {
      const direction = directions.get(d.recognitionId);
      if (!direction) continue;
      direction.effectiveFrom = d.effectiveFromBefore;
      direction.effectiveTo = d.effectiveToBefore;
      direction.effectiveBasis = d.effectiveBasisBefore;
    }
  }
  const ordered = [...periods.values()].sort((a, b) => (a.from === b.from ? a.id - b.id : a.from < b.from ? -1 : 1));
  const kept: P[] = [];
  for (const period of ordered) {
    if (knownAt(period.recordedAt, instant)) {
      kept.push(period);
      continue;
    }
    const previous = kept.at(-1);
    if (previous && previous.to === period.from) previous.to = null;
  }
  return {
    known: current.periods.length === 0 || kept.length > 0,
    periods: kept,
    directions: current.directions.map((d) => directions.get(d.id)!),
  };
}
