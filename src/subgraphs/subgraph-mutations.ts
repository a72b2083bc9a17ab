/**
 * The one way a subgraph mutation writes: in one transaction (with the idempotency record when the
 * client sent an Idempotency-Key, so a retry replays the stored result), through a repository bound to
 * that transaction; an expected failure thrown as `Rollback` is rolled back and returned; the request's
 * loaders are then renewed so that the rest of the operation sees the new data.
 */
import type { IdempotencyRepository, Tx } from '../data/idempotency-repository.js';
import { keyReused, type MutationErrorResult } from '../domain/mutation-results.js';
import type { Viewer } from '../platform/viewer.js';

/** What a mutation needs of its subgraph's request context. */
export interface MutationContext {
  viewer: Viewer;
  /** Atomic, idempotent writes. */
  writes: IdempotencyRepository;
  /** The client's Idempotency-Key, forwarded by the gateway. */
  idempotencyKey?: string;
  resetLoaders(): void;
}

export async function write<Repo, R>(
  ctx: MutationContext,
  operation: string,
  input: unknown,
  repository: (tx: Tx) => Repo,
  work: (repo: Repo) => Promise<R>,
): Promise<R | MutationErrorResult> {
  const result = await ctx.writes.write<R | MutationErrorResult>(
    { clientId: ctx.viewer.clientId, key: ctx.idempotencyKey, operation, input },
    (tx) => work(repository(tx)),
    { keyReused },
  );
  ctx.resetLoaders();
  return result;
}
