/**
 * What the gateway needs from below, as interfaces it owns. The gateway never imports src/data:
 * src/stack.ts wires the implementations in (the database's audit repository for `AuditSink`; the
 * registry subgraph, the owner of agreements, for `RecognitionSource`).
 */

/** One audited operation by a partner or front-end client. */
export interface AuditRecord {
  /** ISO 8601 timestamp (UTC). */
  at: string;
  clientId: string;
  clientKind: string;
  administrationCode: string;
  /** The trusted document id, or null for a free-form operation. */
  documentId: string | null;
  operationName: string | null;
  operationType: string | null;
  /** OK, ERROR (executed with errors) or REJECTED (refused before execution). */
  outcome: string;
  /** Space-separated error codes, if any. */
  errorCodes: string;
}

/** Where the audit log is written (src/data/audit-repository.ts). */
export interface AuditSink {
  append(entries: AuditRecord[]): Promise<void>;
}

/**
 * Which programmes each administration recognizes under an agreement in force today: administration
 * code to programme codes. The gateway signs the caller's list into the identity it propagates, and the
 * operators subgraph enforces need-to-know with it.
 */
export interface RecognitionSource {
  recognizedPrograms(): Promise<Map<string, string[]>>;
}
