/**
 * Atomic, idempotent writes. Every write runs in one interactive transaction; when the client sent an
 * Idempotency-Key, the first result is stored in that same transaction, so a retry gets it back
 * without writing again (and a failed write stores nothing: the retry simply runs again).
 */
import { createHash } from 'node:crypto';
import type { Db } from './client.js';
import type { Prisma } from './generated/sqlite/client.js';

/** The client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;

/**
 * Thrown inside a write to roll the transaction back and answer `result` instead (an expected
 * failure: validation, not found, conflict). Nothing the write did so far is kept.
 */
export class Rollback<R> extends Error {
  constructor(readonly result: R) {
    super('rolled back');
    this.name = 'Rollback';
  }
}

export interface IdempotentRequest {
  clientId: string;
  /** The Idempotency-Key header, when sent. */
  key: string | undefined;
  /** The mutation field name. */
  operation: string;
  /** The mutation's input, hashed to recognize a retry. */
  input: unknown;
}

export interface WriteOptions<R> {
  /** The answer when the key was already used for another operation or input. */
  keyReused: () => R;
  /** Transaction timeout (ms); default 15 s. */
  timeout?: number;
}

/** JSON with object keys sorted, so the same input always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function requestHash(operation: string, input: unknown): string {
  return createHash('sha256')
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest('hex');
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}

export class IdempotencyRepository {
  constructor(private readonly db: Db) {}

  /**
   * Runs `work` in one transaction and returns its result (which must be JSON-serializable). With a key:
   * a stored result for the same client and key is returned instead when the operation and input match,
   * and `keyReused()` when they do not; a new result is stored with the write.
   */
  async write<R>(request: IdempotentRequest, work: (tx: Tx) => Promise<R>, options: WriteOptions<R>): Promise<R> {
    const hash = request.key === undefined ? '' : requestHash(request.operation, request.input);
    const stored = (record: { requestHash: string; response: string } | null): R | undefined => {
      if (!record) return undefined;
      return record.requestHash === hash ? (JSON.parse(record.response) as R) : options.keyReused();
    };
    const where = request.key === undefined ? null : { clientId_key: { clientId: request.clientId, key: request.key } };
    try {
      return await this.db.$transaction(
        async (tx) => {
          if (where) {
            const previous = stored(await tx.idempotencyRecord.findUnique({ where }));
            if (previous !== undefined) return previous;
          }
          const result = await work(tx);
          if (where) {
            await tx.idempotencyRecord.create({
              data: {
                clientId: request.clientId,
                key: request.key!,
                operation: request.operation,
                requestHash: hash,
                response: JSON.stringify(result),
                createdAt: new Date().toISOString(),
              },
            });
          }
          return result;
        },
        { timeout: options.timeout ?? 15_000, maxWait: 10_000 },
      );
    } catch (error) {
      // A concurrent request with the same key may have committed first (this one then failed on the
      // version check or on the key's primary key): answer what it stored.
      if (where && (error instanceof Rollback || isUniqueViolation(error))) {
        const previous = stored(await this.db.idempotencyRecord.findUnique({ where }));
        if (previous !== undefined) return previous;
      }
      if (error instanceof Rollback) return error.result as R;
      throw error;
    }
  }
}
