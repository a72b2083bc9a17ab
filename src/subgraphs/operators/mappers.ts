/** Resolver parent types of the operators subgraph (codegen `mappers`). */
import type { Operator, Certification, CertificationEvent } from '../../data/operators-repository.js';

export type OperatorParent = Operator;
export type CertificationParent = Certification;
export type CertificationEventParent = CertificationEvent;
