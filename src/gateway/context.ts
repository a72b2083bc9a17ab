import type { Viewer } from '../platform/viewer.js';

/** Per-request gateway context: who is calling, and the signed identity passed to every subgraph. */
export interface GatewayContext {
  viewer: Viewer;
  persistedOnly: boolean;
  internalToken: string;
  /** The trusted document id when the request named one. */
  documentId?: string;
  /** The client's Idempotency-Key header, forwarded to the subgraphs for writes. */
  idempotencyKey?: string;
  /** Epoch milliseconds by which every subgraph call for this request must be done. */
  deadline?: number;
}
