/** Each entity asked of a subgraph once per fetch (src/gateway/distinct-representations.ts): the request, and the answer fanned back out. */
import { describe, expect, it } from 'vitest';
import type { GraphQLFormattedError } from 'graphql';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { distinctRepresentations } from '../../src/gateway/distinct-representations.js';

const QUERY = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Operator { name } } }';
const op = (id: string) => ({ __typename: 'Operator', id });
const fetchOf = (representations: unknown[], other: Record<string, unknown> = {}): GatewayGraphQLRequest => ({
  query: QUERY,
  variables: { ...other, representations },
});

/** What a subgraph answers for `representations`: each operator's name and certifications; `hidden` ones refused (null and an error). */
function subgraphAnswer(representations: { id: string }[], hidden: string[] = []): GatewayGraphQLResponse {
  const errors: GraphQLFormattedError[] = [];
  const entities = representations.map((r, i) => {
    if (hidden.includes(r.id)) errors.push({ message: `may not see ${r.id}`, path: ['_entities', i, 'certifications'], extensions: { code: 'FORBIDDEN' } });
    return { name: `name of ${r.id}`, certifications: hidden.includes(r.id) ? null : [{ id: `${r.id}-C1`, program: { code: 'P' } }] };
  });
  return { data: { _entities: entities }, ...(errors.length ? { errors } : {}) };
}

describe('distinctRepresentations', () => {
  it('leaves a request without representations, with one, or without a repeat exactly as it is', () => {
    for (const request of [
      { query: '{ programs { code } }' },
      { query: QUERY, variables: { x: 1 } },
      fetchOf([op('A')]),
      fetchOf([op('A'), op('B'), op('C')]),
    ]) {
      const fetch = distinctRepresentations(request);
      expect(fetch.request).toBe(request);
      const response = { data: { _entities: [] } };
      expect(fetch.expand(response)).toBe(response);
    }
  });

  it('sends each entity once, in first-seen order, and keeps the other variables', () => {
    const request = fetchOf([op('A'), op('B'), op('A'), op('C'), op('B'), op('A')], { asOf: '2024-03-15' });
    const fetch = distinctRepresentations(request);
    expect(fetch.request.variables).toEqual({ asOf: '2024-03-15', representations: [op('A'), op('B'), op('C')] });
    expect(fetch.request.query).toBe(QUERY);
    expect(request.variables!.representations).toHaveLength(6); // the gateway's own request is not changed
  });

  it('merges only representations equal in full: the same key with other required facts is another representation', () => {
    const withFacts = (id: string, roles: string[], certified: string | null) => ({
      __typename: 'Operator',
      id,
      roles,
      certification: { certifiedOn: certified },
    });
    const sent = [
      withFacts('A', ['EXPORTER'], '2020-01-01'),
      withFacts('A', ['EXPORTER'], null),
      withFacts('A', ['EXPORTER'], '2020-01-01'),
      withFacts('A', ['IMPORTER'], null),
      withFacts('A', ['EXPORTER'], null),
    ];
    const fetch = distinctRepresentations(fetchOf(sent));
    expect(fetch.request.variables!.representations).toEqual([sent[0], sent[1], sent[3]]);
    const answer = fetch.expand({ data: { _entities: [{ n: 0 }, { n: 1 }, { n: 3 }] } });
    expect(answer.data).toEqual({ _entities: [{ n: 0 }, { n: 1 }, { n: 0 }, { n: 3 }, { n: 1 }] });
  });

  it("gives back the answer the gateway would have had for every representation it sent, with each occurrence's own copy", () => {
    const sent = ['A', 'B', 'A', 'C', 'B', 'A'].map(op);
    const fetch = distinctRepresentations(fetchOf(sent));
    const answer = fetch.expand(subgraphAnswer(fetch.request.variables!.representations as { id: string }[]));
    expect(answer).toEqual(subgraphAnswer(sent));
    const entities = (answer.data as { _entities: { certifications: object[] }[] })._entities;
    // The gateway merges later fetches into these objects by path: no two occurrences may share one.
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2].certifications).not.toBe(entities[0].certifications);
    expect(entities[2].certifications[0]).not.toBe(entities[0].certifications[0]);
    (entities[0].certifications[0] as Record<string, unknown>).merged = true;
    expect(entities[5].certifications[0]).not.toHaveProperty('merged');
  });

  it('copies a field named __proto__ (a response name may be) as the own field it is', () => {
    const sent = ['A', 'A'].map(op);
    const fetch = distinctRepresentations(fetchOf(sent));
    // As JSON.parse gives it, an own field; nested too.
    const entity = JSON.parse('{"__proto__":"alias of name","nested":{"__proto__":{"code":"P"}}}') as object;
    const answer = fetch.expand({ data: { _entities: [entity] } });
    const copy = (answer.data as { _entities: object[] })._entities[1];
    expect(copy).not.toBe(entity);
    expect(JSON.stringify(copy)).toBe(JSON.stringify(entity));
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
  });

  it('repeats an error at an entity for each of its occurrences, at that index, by occurrence; other errors first, as given', () => {
    const sent = ['A', 'H', 'B', 'H', 'A', 'H'].map(op);
    const fetch = distinctRepresentations(fetchOf(sent));
    const answer = subgraphAnswer(fetch.request.variables!.representations as { id: string }[], ['H']);
    const expanded = fetch.expand({
      ...answer,
      errors: [
        { message: 'about the whole fetch' },
        ...answer.errors!,
        { message: 'about an entity the subgraph was not asked for', path: ['_entities', 7, 'name'] },
        { message: 'H has no name either', path: ['_entities', 1, 'name'] },
      ],
    });
    expect(expanded.errors).toEqual([
      { message: 'about the whole fetch' },
      { message: 'about an entity the subgraph was not asked for', path: ['_entities', 7, 'name'] },
      ...[1, 3, 5].flatMap((i) => [
        { message: 'may not see H', path: ['_entities', i, 'certifications'], extensions: { code: 'FORBIDDEN' } },
        { message: 'H has no name either', path: ['_entities', i, 'name'] },
      ]),
    ]);
  });

  it('maps errors back when the subgraph answered no data at all', () => {
    const fetch = distinctRepresentations(fetchOf(['A', 'A'].map(op)));
    const expanded = fetch.expand({ data: null, errors: [{ message: 'refused', path: ['_entities', 0] }] });
    expect(expanded.data).toBeNull();
    expect(expanded.errors).toEqual([
      { message: 'refused', path: ['_entities', 0] },
      { message: 'refused', path: ['_entities', 1] },
    ]);
  });

  it('hands on an answer whose entities do not match what was sent, for the gateway to report', () => {
    const fetch = distinctRepresentations(fetchOf(['A', 'B', 'A'].map(op)));
    const wrong = { data: { _entities: [{ name: 'A' }] } };
    expect(fetch.expand(wrong)).toBe(wrong);
  });
});
