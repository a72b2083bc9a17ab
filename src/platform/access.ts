/**
 * Need-to-know rules, enforced where the data lives (every path: root fields, nested fields and
 * `_entities`), from the identity the gateway signs:
 * - registry data (programmes, agreements, benefits) is visible to every authenticated client;
 * - an operator's identifiers and certifications are visible to its own administration and to
 *   administrations that recognize one of its certifications' programmes under an agreement in force;
 * - a shipment is visible to its exporting (origin) and importing (destination) administrations.
 */
import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { ErrorCode, refusal } from './errors.js';
import type { Viewer } from './viewer.js';

/** `at`: the resolver's info, when raised in a resolver (a located error: see `refusal`). */
export function forbidden(message: string, at?: GraphQLResolveInfo): GraphQLError {
  return refusal(message, { code: ErrorCode.FORBIDDEN }, at);
}

/** Writes need the `write` scope; which data a client may change is decided per mutation (the owner). */
export function assertMayWrite(viewer: Viewer, what: string): void {
  if (viewer.kind === 'internal' || !viewer.scopes.includes('write')) {
    throw forbidden(`Client ${viewer.clientId} has no write scope and may not ${what}.`);
  }
}

export function maySeeOperatorDetails(viewer: Viewer, operatorAdministration: string, certifiedPrograms: string[]): boolean {
  if (viewer.kind === 'internal') return false;
  if (viewer.administrationCode === operatorAdministration) return true;
  return certifiedPrograms.some((program) => viewer.recognizes.includes(program));
}

export function maySeeShipment(viewer: Viewer, shipment: { exportingAdministrationCode: string; importingAdministrationCode: string }): boolean {
  if (viewer.kind === 'internal') return false;
  return viewer.administrationCode === shipment.exportingAdministrationCode || viewer.administrationCode === shipment.importingAdministrationCode;
}
