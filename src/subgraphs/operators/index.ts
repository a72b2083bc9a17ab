/** The operators subgraph: economic operators, their identifiers and certifications (need-to-know enforced here). */
import { OperatorsRepository } from '../../data/operators-repository.js';
import { IdempotencyRepository } from '../../data/idempotency-repository.js';
import { CertificationChangesRepository } from '../../data/certification-changes-repository.js';
import { defineSubgraph } from '../subgraph.js';
import { createOperatorsContext } from './context.js';
import { operatorsResolvers } from './resolvers.js';

export const operators = defineSubgraph({
  name: 'operators',
  runsIn: 'service',
  sdl: ['operators/*.graphql', 'shared/mutation-errors.graphql'],
  mappedTypes: ['Operator', 'Certification', 'CertificationEvent'],
  resolvers: operatorsResolvers,
  services: ({ db }) => ({
    repo: new OperatorsRepository(db),
    changes: new CertificationChangesRepository(db),
    writes: new IdempotencyRepository(db),
  }),
  context: createOperatorsContext,
});
