/**
 * What an attacker's review found (issue 12, gateway items; issue 13 item 2), through the real
 * gateway over HTTP: limits that no fragment trick or introspection alias escapes, a cost estimate
 * that honours variables and defaults, tokens that must expire, client mistakes answered with 4xx,
 * introspection for analysts in every mode, and overload refused at once with 503.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIntrospectionQuery } from 'graphql';
import { importJWK, SignJWT } from 'jose';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack } from '../support/stack.js';
import { DEV_ISSUER, devIssuerKeys } from '../../src/gateway/identity/issuers.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

/** Fragments R0..R(n-1) on `type`, each spreading the next twice; the last selects `leaf`. */
const doubling = (n: number, type: string, leaf: string) =>
  Array.from({ length: n }, (_, i) => (i === n - 1 ? `fragment R${i} on ${type} { ${leaf} }` : `fragment R${i} on ${type} { ...R${i + 1} ...R${i + 1} }`)).join(
    ' ',
  );

describe('limits: linear whatever the fragments, and no escape through introspection', () => {
  it("the review's document (22 fragments each spreading the next twice, 4,194,304 root fields) is refused, and /health answers meanwhile", async () => {
    const attack = `{ ...R0 } ${doubling(23, 'Query', '__typename')}`;
    expect(attack.length).toBeLessThan(1000);
    const [refused, health] = await Promise.all([stack.post(attack), fetch(`${stack.url}/health`)]);
    expect(health.status).toBe(200);
    expect(refused.status).toBe(400);
    expect(errorCodes(refused)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(refused.body.errors![0].extensions!.limit).toBe('rootFields');
    // the same inside a field: the cost limit
    const nested = await stack.post(`{ agreements { ...R0 } } ${doubling(23, 'Agreement', 'id')}`);
    expect(errorCodes(nested)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(nested.body.errors![0].extensions!.limit).toBe('cost');
  });

  it('300 aliases of __typename and 40 aliased __schema are refused for analysts too (aliases apply to introspection)', async () => {
    const typenames = await stack.post(`{ ${Array.from({ length: 300 }, (_, i) => `t${i}: __typename`).join(' ')} }`, undefined, { as: 'us-cbp-analyst' });
    expect(errorCodes(typenames)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(typenames.body.errors![0].extensions!.limit).toBe('aliases');
    const schemas = await stack.post(`{ ${Array.from({ length: 40 }, (_, i) => `s${i}: __schema { queryType { name } }`).join(' ')} }`, undefined, {
      as: 'us-cbp-analyst',
    });
    expect(errorCodes(schemas)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(schemas.body.errors![0].extensions!.limit).toBe('aliases');
    const directives = await stack.post(
      `{ __schema @skip(if: false) { queryType @include(if: true) { name @include(if: true) } types @include(if: true) { name @skip(if: false) kind @skip(if: false) } } }`,
      undefined,
      {
        as: 'us-cbp-analyst',
      },
    );
    expect(errorCodes(directives)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(directives.body.errors![0].extensions!.limit).toBe('directives');
  });

  it("analysts' standard GraphiQL introspection query still passes (deep: depth and cost stay exempt for introspection)", async () => {
    const data = expectNoErrors(await stack.post(getIntrospectionQuery({ inputValueDeprecation: true }), undefined, { as: 'us-cbp-analyst' }));
    expect(data.__schema.types.length).toBeGreaterThan(20);
  });
});

describe('cost estimate: the value provided, else the declared default, else the schema default', () => {
  const selection = '{ edges { node { reference goods { hsCode } consignor { certifications { program { tiers { code } } } } } } }';
  // Only the limit's verdict counts here (need-to-know may withhold some consignors' certifications).
  const limited = (result: GraphQLResult) => errorCodes(result).filter((c) => c === 'OPERATION_LIMIT_EXCEEDED');
  const codes = async (query: string, variables?: Record<string, unknown>) => limited(await stack.post(query, variables));

  it('a declared default of 100 is estimated as 100: refused like the literal first: 100', async () => {
    expect(await codes(`{ shipments(first: 100) ${selection} }`)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(await codes(`query Q($n: Int = 100) { shipments(first: $n) ${selection} }`)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });

  it('a value provided wins over the declared default', async () => {
    expect(await codes(`{ shipments(first: 10) ${selection} }`)).toEqual([]);
    expect(await codes(`query Q($n: Int = 100) { shipments(first: $n) ${selection} }`, { n: 10 })).toEqual([]);
    expect(await codes(`query Q($n: Int = 10) { shipments(first: $n) ${selection} }`, { n: 100 })).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });

  it('neither provided nor declared: the schema default (20), as if first were not given', async () => {
    const withoutFirst = await codes(`{ shipments ${selection} }`);
    expect(await codes(`query Q($n: Int) { shipments(first: $n) ${selection} }`)).toEqual(withoutFirst);
    const tight = await startTestStack({ limits: { ...stack.config.limits, cost: 5000 } });
    try {
      // 20 shipments of this selection cost more than 5,000; 1 does not
      expect(limited(await tight.post(`query Q($n: Int) { shipments(first: $n) ${selection} }`))).toEqual(['OPERATION_LIMIT_EXCEEDED']);
      expect(limited(await tight.post(`query Q($n: Int) { shipments(first: $n) ${selection} }`, { n: 1 }))).toEqual([]);
    } finally {
      await tight.stop();
    }
  });
});

describe('tokens must expire, within a capped lifetime', () => {
  const sign = async (claims: { iat?: number; exp?: number; nbf?: number }) => {
    const { privateJwk } = await devIssuerKeys(stack.config.identity.devIssuerKeyFile);
    const key = await importJWK(privateJwk, 'EdDSA');
    return new SignJWT({ adm: 'US-CBP', scope: 'read', ...claims })
      .setProtectedHeader({ alg: 'EdDSA', kid: privateJwk.kid })
      .setIssuer(DEV_ISSUER)
      .setSubject('us-cbp-analyst')
      .setAudience(stack.config.identity.audience)
      .sign(key);
  };
  const now = () => Math.floor(Date.now() / 1000);
  const call = (token: string) => stack.post('{ benefits { code } }', undefined, { as: null, headers: { authorization: `Bearer ${token}` } });
  const refusal = (result: GraphQLResult) => ({ status: result.status, code: errorCodes(result)[0], reason: result.body.errors?.[0]?.extensions?.reason });

  it('refuses a token without exp, a ten-year token, and one issued in the future: 401 UNAUTHENTICATED with a reason', async () => {
    expect(refusal(await call(await sign({ iat: now() })))).toEqual({ status: 401, code: 'UNAUTHENTICATED', reason: 'TOKEN_WITHOUT_EXPIRY' });
    expect(refusal(await call(await sign({ iat: now(), exp: now() + 10 * 365 * 86400 })))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_LIFETIME_TOO_LONG',
    });
    expect(refusal(await call(await sign({ iat: now() + 3600, exp: now() + 7200 })))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_ISSUED_IN_FUTURE',
    });
    expect(refusal(await call(await sign({ iat: now(), nbf: now() + 3600, exp: now() + 7200 })))).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_NOT_YET_VALID',
    });
  });

  it('accepts a token within the cap (8 h) and tolerates a small clock skew', async () => {
    expect(errorCodes(await call(await sign({ iat: now(), exp: now() + 8 * 3600 })))).toEqual([]);
    expect(errorCodes(await call(await sign({ iat: now() + 20, exp: now() + 3600 })))).toEqual([]);
  });
});

describe('client mistakes are 4xx with stable codes', () => {
  it('a subscription: 400 BAD_REQUEST', async () => {
    const result = await stack.post('subscription { benefits { code } }');
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['BAD_REQUEST']);
  });

  it('an unknown operationName: 400 OPERATION_RESOLUTION_FAILURE', async () => {
    const result = await stack.postBody({ query: 'query A { benefits { code } }', operationName: 'B' });
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
  });

  it('two operations without operationName: 400 OPERATION_RESOLUTION_FAILURE; with it, the one named runs', async () => {
    const query = 'query A { benefits { code } } query B { programs { code } }';
    const result = await stack.postBody({ query });
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(['OPERATION_RESOLUTION_FAILURE']);
    expect(expectNoErrors(await stack.postBody({ query, operationName: 'B' })).programs.length).toBeGreaterThan(0);
  });
});

describe('introspection: analysts yes, others no, in every mode', () => {
  const cases = async (target: TestStack) => {
    const type = '{ __type(name: "Shipment") { name fields { name } } }';
    expect(expectNoErrors(await target.post(type, undefined, { as: 'us-cbp-analyst' })).__type.name).toBe('Shipment');
    expect(expectNoErrors(await target.post(getIntrospectionQuery(), undefined, { as: 'us-cbp-analyst' })).__schema.types.length).toBeGreaterThan(20);
    for (const as of ['web-explorer']) {
      const refused = await target.post(type, undefined, { as });
      expect(refused.status, as).toBe(403);
      expect(errorCodes(refused), as).toEqual(['FORBIDDEN']);
    }
  };

  it('in development and test mode', async () => {
    await cases(stack);
  });

  it('under NODE_ENV=production (Apollo would switch introspection off for everyone)', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    let production: TestStack | undefined;
    try {
      production = await startTestStack({ nodeEnv: 'production' });
    } finally {
      process.env.NODE_ENV = before;
    }
    try {
      await cases(production);
    } finally {
      await production.stop();
    }
  });
});

describe('overload is refused at once, never timed out', () => {
  it('beyond the requests in execution and the queue: 503 OVERLOADED with Retry-After; /ready reports saturation; the accepted ones complete', async () => {
    const small = await startTestStack({ limits: { ...stack.config.limits, concurrency: 1, queue: 1, queueTimeoutMs: 0 } });
    // A gate in front of the operators subgraph holds the accepted requests in execution.
    const operators = small.subgraphs.find((s) => s.name === 'operators')!;
    const execute = operators.execute.bind(operators);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = 0;
    let arrived!: () => void;
    const firstArrived = new Promise<void>((resolve) => (arrived = resolve));
    operators.execute = async (operation) => {
      held++;
      arrived();
      await gate;
      return execute(operation);
    };
    try {
      const query = '{ operators(first: 1) { edges { node { id } } } }';
      const first = small.post(query);
      // the first is in execution (held at the gate) before the second arrives: it then waits in the queue
      await firstArrived;
      expect(held).toBe(1);
      const second = small.post(query);
      let ready: Response | undefined;
      let readiness: unknown;
      // bounded poll: the second request is queued once it is authenticated and its body read
      for (let i = 0; i < 2000; i++) {
        ready = await fetch(`${small.url}/ready`);
        readiness = await ready.json();
        if (ready.status === 503 && (readiness as { status: string }).status === 'saturated') break;
      }
      expect(ready!.status).toBe(503);
      expect(readiness).toEqual({ status: 'saturated' });

      const refused = await small.post(query);
      expect(refused.status).toBe(503);
      expect(errorCodes(refused)).toEqual(['OVERLOADED']);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(held).toBe(1); // the refused request never reached a subgraph
      // Refused before any work: not even its credentials are verified.
      const unverified = await fetch(`${small.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' },
        body: JSON.stringify({ query }),
      });
      expect(unverified.status).toBe(503);
      expect(((await unverified.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('OVERLOADED');

      open();
      for (const result of await Promise.all([first, second])) expect(expectNoErrors(result).operators.edges).toHaveLength(1);
      expect((await fetch(`${small.url}/ready`)).status).toBe(200);
    } finally {
      open();
      operators.execute = execute;
      await small.stop();
    }
  });
});
