/** Per-request DataLoaders for the operators subgraph. */
import DataLoader from 'dataloader';
import type { OperatorsRepository } from '../../data/operators-repository.js';

export function createOperatorsLoaders(repo: OperatorsRepository) {
  return {
    operatorById: new DataLoader((ids: readonly string[]) => repo.operatorsByIds(ids)),
    rolesByOperator: new DataLoader((ids: readonly string[]) => repo.rolesByOperators(ids)),
    identifiersByOperator: new DataLoader((ids: readonly string[]) => repo.identifiersByOperators(ids)),
    certificationsByOperator: new DataLoader((ids: readonly string[]) => repo.certificationsByOperators(ids)),
    certificationById: new DataLoader((ids: readonly string[]) => repo.certificationsByIds(ids)),
    eventsByCertification: new DataLoader((ids: readonly string[]) => repo.eventsByCertifications(ids)),
  };
}

export type OperatorsLoaders = ReturnType<typeof createOperatorsLoaders>;
