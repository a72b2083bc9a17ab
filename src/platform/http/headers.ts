/** HTTP header names shared by the gateway (which reads and forwards them) and the subgraphs (which read them). */

/** The client's Idempotency-Key: forwarded by the gateway to the subgraphs, so that a retried write is not written twice. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
