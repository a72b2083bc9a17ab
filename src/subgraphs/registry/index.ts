/** The registry subgraph: administrations, programmes, agreements, recognitions, benefits (and recognition of shipments, @requires). */
import { InvalidatingWrites, RegistrySnapshot } from '../../data/registry-snapshot.js';
import { RecognitionFactsRepository } from '../../data/recognition-facts-repository.js';
import { AgreementChangesRepository } from '../../data/agreement-changes-repository.js';
import { DEFAULT_RETROACTIVE_WINDOW_DAYS } from '../../domain/agreement-lifecycle.js';
import { defineSubgraph } from '../subgraph.js';
import { createRegistryContext } from './context.js';
import { registryResolvers } from './resolvers.js';

export const registry = defineSubgraph({
  name: 'registry',
  runsIn: 'service',
  sdl: ['registry/*.graphql', 'shared/mutation-errors.graphql'],
  mappedTypes: [
    'Administration',
    'Program',
    'Tier',
    'Agreement',
    'AgreementParty',
    'AgreementStatusPeriod',
    'Recognition',
    'Benefit',
    'Operator',
    'Shipment',
    'ShipmentRecognition',
    'RecognitionFinding',
    'OperatorRecognitionAnswer',
    'RecognitionCondition',
    'DateFact',
    'CustomsUnionMembership',
    'AgreementProposal',
    'ProposedParty',
    'ProposedDirection',
  ],
  resolvers: registryResolvers,
  services: ({ db, agreements }) => {
    // Public reference data from an in-memory snapshot, dropped by this process's writes (src/data/registry-snapshot.ts).
    const repo = new RegistrySnapshot(db);
    return {
      repo,
      facts: new RecognitionFactsRepository(db),
      writes: new InvalidatingWrites(db, repo),
      proposals: new AgreementChangesRepository(db),
      retroactiveWindowDays: agreements?.retroactiveWindowDays ?? DEFAULT_RETROACTIVE_WINDOW_DAYS,
    };
  },
  context: createRegistryContext,
});
