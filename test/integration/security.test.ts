/**
 * Partner agencies, played as an attacker: identity, need-to-know through every path, trusted
 * documents, limits, CSRF, rate limits, error masking and the audit log. Real gateway over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { HeaderMap } from '@apollo/server';
import { Lexer, Source, TokenKind } from 'graphql';
import { errorCodes, expectNoErrors, startTestStack, type TestStack, type Json } from '../support/stack.js';
import { buildManifest, sha256 } from '../../src/gateway/documents.js';
import { mintDevToken, DEV_ISSUER } from '../../src/gateway/identity/issuers.js';
import { InternalSigner, VIEWER_HEADER } from '../../src/platform/internal-token.js';
import { listen } from '../../src/platform/http/listen.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const manifest = buildManifest();
const headline = manifest.operations.find((o) => o.name === 'ShipmentRecognition')!;
const raw = (body: unknown, headers: Record<string, string>) =>
  fetch(stack.graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('identity', () => {
  it('refuses a request without a token: 401 UNAUTHENTICATED', async () => {
    const result = await stack.post('{ benefits { code } }', undefined, { as: null });
    expect(result.status).toBe(401);
    expect(errorCodes(result)).toEqual(['UNAUTHENTICATED']);
    expect(result.headers.get('www-authenticate')).toMatch(/Bearer/);
  });

  it('refuses a forged token (right issuer name, wrong key)', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const forged = await new SignJWT({ adm: 'KR-KCS', scope: 'read write' })
      .setProtectedHeader({ alg: 'EdDSA', kid: 'dev-1' })
      .setIssuer(DEV_ISSUER)
      .setSubject('kr-kcs-analyst')
      .setAudience('customs-gateway')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const res = await raw({ query: '{ benefits { code } }' }, { authorization: `Bearer ${forged}` });
    expect(res.status).toBe(401);
    expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token, a token for an unregistered client, another audience, or another administration', async () => {
    const file = stack.config.identity.devIssuerKeyFile;
    const expired = await mintDevToken(file, {
      clientId: 'us-cbp-analyst',
      administration: 'US-CBP',
      scopes: ['read'],
      audience: 'customs-gateway',
      expiresIn: '-1m',
    });
    const unknown = await mintDevToken(file, { clientId: 'nobody', administration: 'US-CBP', scopes: ['read'], audience: 'customs-gateway' });
    const audience = await mintDevToken(file, { clientId: 'us-cbp-analyst', administration: 'US-CBP', scopes: ['read'], audience: 'another-api' });
    const wrongAdm = await mintDevToken(file, { clientId: 'br-rfb-analyst', administration: 'KR-KCS', scopes: ['read'], audience: 'customs-gateway' });
    for (const token of [expired, unknown, audience, wrongAdm, 'not-a-jwt']) {
      const res = await raw({ query: '{ benefits { code } }' }, { authorization: `Bearer ${token}` });
      expect(res.status).toBe(401);
      expect((await res.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    const res = await raw({ query: '{ benefits { code } }' }, { authorization: `Bearer ${expired}` });
    expect((await res.json()).errors[0].message).toMatch(/expired/);
  });

  it('ignores a spoofed identity header sent by a client', async () => {
    const signer = new InternalSigner('x'.repeat(40));
    const spoof = await signer.sign({
      clientId: 'kr-kcs-analyst',
      administrationCode: 'KR-KCS',
      kind: 'analyst',
      scopes: ['read', 'write'],
      recognizes: ['KR-AEO'],
    });
    const result = await stack.post('{ operator(id: "OP-KR-DEMO-0001") { certifications { id } } }', undefined, {
      as: 'br-rfb-analyst',
      headers: { [VIEWER_HEADER]: spoof, 'x-customs-administration': 'KR-KCS' },
    });
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(result.body.data?.operator?.certifications ?? null).toBeNull();
  });
});

describe('need-to-know, through every path', () => {
  // An unknown or invisible certification id is echoed in its NOT_FOUND message: that reveals nothing.
  const leaks = (result: { body: unknown }) =>
    JSON.stringify(result.body)
      .replaceAll('Certification \\"CERT-OP-KR-DEMO-0001\\" was not found.', '')
      .match(/CERT-OP-KR-DEMO-0001|KR_AEO_NO/);

  it('br-rfb cannot read the certifications of the consignor of DEMO-KR-US-0001 (root, alias, fragment, nested)', async () => {
    const attempts = [
      '{ operator(id: "OP-KR-DEMO-0001") { id name certifications { id certificateNumber } identifiers { scheme value } } }',
      '{ o: operator(id: "OP-KR-DEMO-0001") { c: certifications { n: certificateNumber } } }',
      'query { operator(id: "OP-KR-DEMO-0001") { ...F } } fragment F on Operator { certifications { id } }',
      '{ operator(id: "OP-KR-DEMO-0001") { ... on Operator { identifiers { value } } } }',
      '{ certification(id: "CERT-OP-KR-DEMO-0001") { id status } }',
      '{ operators(first: 100, filter: { administration: "KR-KCS" }) { edges { node { id certifications { id } } } } }',
      '{ shipment(reference: "DEMO-KR-US-0001") { reference consignor { certifications { id } } } }',
      '{ shipments(first: 100, filter: { consignor: "OP-KR-DEMO-0001" }) { edges { node { reference } } } }',
      '{ operator(id: "OP-KR-DEMO-0001") { recognizedBy { id } } }',
    ];
    for (const query of attempts) {
      const result = await stack.post(query, undefined, { as: 'br-rfb-analyst' });
      expect(leaks(result), query).toBeNull();
    }
    const direct = await stack.post(attempts[0], undefined, { as: 'br-rfb-analyst' });
    expect(errorCodes(direct)).toContain('FORBIDDEN');
    expect(direct.body.data!.operator.name).toBeTruthy(); // basic operator facts are not need-to-know
    // Brazil sees the consignor's shipments into Brazil only (it is their importing administration).
    const list = await stack.post(attempts[7], undefined, { as: 'br-rfb-analyst' });
    expect(list.body.data!.shipments.edges.map((e: Json) => e.node.reference)).toEqual(['DEMO-KR-BR-0001']);
  });

  it('the recognizing and own administrations do see them', async () => {
    // US-CBP recognizes EU AEO under EU-US, in force (US-Korea has no documented date since the register's re-verification).
    for (const as of ['eu-taxud-analyst', 'us-cbp-analyst']) {
      const data = expectNoErrors(await stack.post('{ operator(id: "OP-EU-DEMO-0003") { certifications { certificateNumber } } }', undefined, { as }));
      expect(data.operator.certifications.length).toBeGreaterThan(0);
    }
  });

  it('_entities is not reachable through the gateway', async () => {
    const result = await stack.post(
      '{ _entities(representations: [{ __typename: "Operator", id: "OP-KR-DEMO-0001" }]) { ... on Operator { certifications { id } } } }',
      undefined,
      { as: 'br-rfb-analyst' },
    );
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(leaks(result)).toBeNull();
  });

  it('subgraphs refuse calls without the gateway identity (401), _service included, and enforce need-to-know on _entities', async () => {
    const operators = stack.subgraphs.find((s) => s.name === 'operators')!;
    const server = await listen((req, res) => void operators.http(req, res), 0, '127.0.0.1');
    try {
      const call = (body: unknown, headers: Record<string, string> = {}) =>
        fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      for (const query of ['{ _service { sdl } }', '{ operator(id: "OP-KR-DEMO-0001") { certifications { id } } }']) {
        const res = await call({ query });
        expect(res.status).toBe(401);
        expect(JSON.stringify(await res.json())).not.toMatch(/CERT-|sdl/);
      }
      const wrongSecret = await new InternalSigner('y'.repeat(40)).sign({
        clientId: 'kr-kcs-analyst',
        administrationCode: 'KR-KCS',
        kind: 'analyst',
        scopes: ['read'],
        recognizes: [],
      });
      expect((await call({ query: '{ _service { sdl } }' }, { [VIEWER_HEADER]: wrongSecret })).status).toBe(401);
    } finally {
      await server.close();
    }
    // With a valid identity for BR-RFB, _entities still withholds the certifications.
    const viewerToken = await stack.signer.sign({
      clientId: 'br-rfb-analyst',
      administrationCode: 'BR-RFB',
      kind: 'analyst',
      scopes: ['read'],
      recognizes: ['US-CTPAT'],
    });
    const response = await operators.handle({
      method: 'POST',
      headers: new HeaderMap([
        ['content-type', 'application/json'],
        [VIEWER_HEADER, viewerToken],
      ]),
      search: '',
      body: {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Operator { id certifications { id } identifiers { value } } } }',
        variables: { r: [{ __typename: 'Operator', id: 'OP-KR-DEMO-0001' }] },
      },
    });
    const text = response.body.kind === 'complete' ? response.body.string : '';
    expect(text).toMatch(/FORBIDDEN/);
    expect(text).not.toMatch(/CERT-OP-KR-DEMO-0001|KR_AEO_NO/);
  });
});

describe('no existence oracle, and need-to-know on the address', () => {
  const certificationQuery = 'query($id: ID!) { certification(id: $id) { id status program { code } } }';
  const suspendAs = (as: string, certificationId: string) =>
    stack.postBody(
      {
        documentId: `sha256:${manifest.operations.find((o) => o.name === 'SuspendCertification')!.id}`,
        variables: { input: { certificationId, expectedVersion: 1, effectiveOn: '2024-06-01', reason: 'Probing (test)' } },
      },
      { as },
    );
  /** Certifications outside US-CBP's own register, split by whether US-CBP may see them (asked through the gateway). */
  async function foreignCertifications() {
    const rows = await stack.db.certification.findMany({
      where: { operator: { administrationCode: { not: 'US-CBP' } } },
      select: { id: true, operator: { select: { administrationCode: true } } },
      orderBy: { id: 'asc' },
    });
    const hidden: string[] = [];
    const visible: string[] = [];
    for (const { id } of rows) {
      const result = await stack.post(certificationQuery, { id }, { as: 'us-cbp-analyst' });
      (result.body.data?.certification ? visible : hidden).push(id);
      if (hidden.length && visible.length) break;
    }
    return { hidden: hidden[0], visible: visible[0] };
  }

  it('a certification the caller may not see reads exactly as one that does not exist (code and message), by id and through _entities', async () => {
    const hidden = await stack.post(certificationQuery, { id: 'CERT-OP-KR-DEMO-0001' }, { as: 'br-rfb-analyst' });
    const missing = await stack.post(certificationQuery, { id: 'CERT-OP-KR-DEMO-9999' }, { as: 'br-rfb-analyst' });
    expect(errorCodes(hidden)).toEqual(['NOT_FOUND']);
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
    const shape = (r: typeof hidden, id: string) => ({ ...r.body, errors: r.body.errors!.map((e) => ({ ...e, message: e.message.replace(id, '<id>') })) });
    expect(shape(hidden, 'CERT-OP-KR-DEMO-0001')).toEqual(shape(missing, 'CERT-OP-KR-DEMO-9999'));
    expect(JSON.stringify(hidden.body)).not.toMatch(/KR-AEO|KR-KCS|FORBIDDEN/);
    // The owner still reads it.
    expect(expectNoErrors(await stack.post(certificationQuery, { id: 'CERT-OP-KR-DEMO-0001' }, { as: 'kr-kcs-analyst' })).certification.id).toBe(
      'CERT-OP-KR-DEMO-0001',
    );
    // _entities (what a router sends the operators subgraph) answers null for both.
    const operators = stack.subgraphs.find((s) => s.name === 'operators')!;
    const viewer = await stack.signer.sign({ clientId: 'br-rfb-analyst', administrationCode: 'BR-RFB', kind: 'analyst', scopes: ['read'], recognizes: [] });
    const response = await operators.handle({
      method: 'POST',
      headers: new HeaderMap([
        ['content-type', 'application/json'],
        [VIEWER_HEADER, viewer],
      ]),
      search: '',
      body: {
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Certification { id status } } }',
        variables: {
          r: [
            { __typename: 'Certification', id: 'CERT-OP-KR-DEMO-0001' },
            { __typename: 'Certification', id: 'CERT-OP-KR-DEMO-9999' },
          ],
        },
      },
    });
    expect(JSON.parse(response.body.kind === 'complete' ? response.body.string : '{}')).toEqual({ data: { _entities: [null, null] } });
  });

  it('a registrar changing a certification it may not see gets the NotFoundError of an unknown id, naming no programme; one it may see but not change is FORBIDDEN', async () => {
    const { hidden, visible } = await foreignCertifications();
    expect(hidden, 'a certification US-CBP may not see').toBeTruthy();
    const before = await stack.db.certification.findUniqueOrThrow({ where: { id: hidden } });
    const refused = await suspendAs('us-cbp-registrar', hidden);
    const unknown = await suspendAs('us-cbp-registrar', 'CERT-NO-SUCH-0001');
    expect(refused.body.errors).toBeUndefined();
    const result = (r: typeof refused, id: string) => JSON.parse(JSON.stringify(r.body.data!.suspendCertification).replaceAll(id, '<id>'));
    expect(result(refused, hidden)).toEqual(result(unknown, 'CERT-NO-SUCH-0001'));
    expect(result(refused, hidden)).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', entity: 'Certification' });
    expect(JSON.stringify(refused.body)).not.toContain(before.programCode);
    expect((await stack.db.certification.findUniqueOrThrow({ where: { id: hidden } })).version).toBe(before.version);
    if (visible) expect(errorCodes(await suspendAs('us-cbp-registrar', visible))).toEqual(['FORBIDDEN']);
  });

  it("an operator's address is need-to-know, like its identifiers and certifications; name, country and roles are public", async () => {
    const query = '{ operator(id: "OP-KR-DEMO-0001") { id name country roles address } }';
    const partner = await stack.post(query, undefined, { as: 'br-rfb-analyst' });
    expect(errorCodes(partner)).toEqual(['FORBIDDEN']);
    expect(partner.body.errors![0].path).toEqual(['operator', 'address']);
    expect(partner.body.data!.operator).toMatchObject({ id: 'OP-KR-DEMO-0001', address: null });
    expect(partner.body.data!.operator.name).toBeTruthy();
    const address = (await stack.db.operator.findUniqueOrThrow({ where: { id: 'OP-KR-DEMO-0001' } })).address;
    expect(JSON.stringify(partner.body)).not.toContain(address);
    const list = await stack.post('{ operators(first: 100, filter: { administration: "KR-KCS" }) { edges { node { id address } } } }', undefined, {
      as: 'br-rfb-analyst',
    });
    expect(JSON.stringify(list.body)).not.toContain(address);
    expect(expectNoErrors(await stack.post(query, undefined, { as: 'kr-kcs-analyst' })).operator.address).toBe(address);
  });
});

describe('trusted documents', () => {
  it('kr-kcs-partner runs the manifest operation by hash and by documentId, and gets data', async () => {
    const byHash = await stack.postBody(
      { variables: { reference: 'DEMO-KR-CA-0001' }, extensions: { persistedQuery: { version: 1, sha256Hash: headline.id } } },
      { as: 'kr-kcs-partner' },
    );
    expect(expectNoErrors(byHash).shipment.recognition.recognized).toBe(true);
    const byId = await stack.postBody({ documentId: `sha256:${headline.id}`, variables: { reference: 'DEMO-KR-CA-0001' } }, { as: 'kr-kcs-partner' });
    expect(expectNoErrors(byId).shipment.reference).toBe('DEMO-KR-CA-0001');
  });

  it('refuses the same text sent free-form by a persisted-only client, unknown ids, and APQ registration', async () => {
    const attempts = [
      { query: headline.body, variables: { reference: 'DEMO-KR-US-0001' } },
      { documentId: `sha256:${sha256('{ benefits { code } }')}` },
      { query: '{ benefits { code } }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ benefits { code } }') } } },
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ benefits { code } }') } } },
    ];
    for (const body of attempts) {
      const result = await stack.postBody(body, { as: 'kr-kcs-partner' });
      expect(result.status).toBe(400);
      expect(errorCodes(result)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
      expect(result.body.data).toBeUndefined();
    }
  });

  it('keeps automatic persisted queries for front-end clients, including cacheable GET', async () => {
    const query = '{ program(code: "KR-AEO") { code name } }';
    const hash = sha256(query);
    const miss = await stack.postBody({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { as: 'web-explorer' });
    expect(errorCodes(miss)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
    expectNoErrors(await stack.postBody({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, { as: 'web-explorer' }));
    const url = `${stack.graphqlUrl}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`;
    const res = await fetch(url, { headers: { authorization: `Bearer ${await stack.token('web-explorer')}`, 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(200);
    expect((await res.json()).data.program.code).toBe('KR-AEO');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
  });
});

describe('limits on free-form operations', () => {
  /** agreement > recognitions > recognizedProgram > administration > programs > administration > ... > code */
  const nest = (levels: number) => {
    const fields = ['agreement(id: "MRA-US-KR")', 'recognitions', 'recognizedProgram', 'administration'];
    while (fields.length < levels - 1) fields.push(fields.at(-1) === 'administration' ? 'programs' : 'administration');
    return `{ ${fields.reduceRight((inner, field) => `${field} { ${inner} }`, 'code')} }`;
  };

  it('depth: 10 passes, 11 is refused', async () => {
    expect(errorCodes(await stack.post(nest(10)))).toEqual([]);
    const over = await stack.post(nest(11));
    expect(errorCodes(over)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(over.body.errors![0].extensions!.limit).toBe('depth');
  });

  it('aliases: 15 pass, 16 are refused (__typename counts)', async () => {
    const aliases = (n: number) => `{ benefits { ${Array.from({ length: n }, (_, i) => `t${i}: __typename`).join(' ')} } }`;
    expect(errorCodes(await stack.post(aliases(15)))).toEqual([]);
    expect(errorCodes(await stack.post(aliases(16)))).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });

  it('directives: 5 pass, 6 are refused', async () => {
    const fields = ['code', 'name', 'description', 'category', '__typename'];
    const directives = (n: number) =>
      `{ benefits { ${fields.map((f, i) => (i < n ? `${f} @include(if: true)` : f)).join(' ')}${n > 5 ? ' code @skip(if: false)' : ''} } }`;
    expect(errorCodes(await stack.post(directives(5)))).toEqual([]);
    expect(errorCodes(await stack.post(directives(6)))).toEqual(['OPERATION_LIMIT_EXCEEDED']);
  });

  it('root fields: 20 pass, 21 are refused', async () => {
    const roots = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `b${i % 10}${i}: benefits { code }`).join(' ')} }`;
    const withoutAliasLimit = await startTestStack({ limits: { ...stack.config.limits, aliases: 100 } });
    try {
      expect(errorCodes(await withoutAliasLimit.post(roots(20)))).toEqual([]);
      const over = await withoutAliasLimit.post(roots(21));
      expect(errorCodes(over)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
      expect(over.body.errors![0].extensions!.limit).toBe('rootFields');
    } finally {
      await withoutAliasLimit.stop();
    }
  });

  it('tokens: 1,000 pass, 1,001 are refused', async () => {
    const countTokens = (query: string) => {
      const lexer = new Lexer(new Source(query));
      let n = 0;
      while (lexer.advance().kind !== TokenKind.EOF) n++;
      return n;
    };
    // Repeated fields spread over four selection sets (graphql-js meters repeated fields in one set).
    const roots = ['benefits { code', 'administrations { code', 'programs { code', 'agreements { id'];
    const build = (extra: number) =>
      `{ ${roots.map((r, i) => `${r} ${Array.from({ length: Math.floor(extra / 4) + (i < extra % 4 ? 1 : 0) }, () => r.split(' { ')[1]).join(' ')} }`).join(' ')} }`;
    const withTokens = (target: number) => {
      let extra = 0;
      while (countTokens(build(extra)) < target) extra++;
      const query = build(extra);
      expect(countTokens(query)).toBe(target);
      return query;
    };
    const atLimit = await stack.post(withTokens(1000));
    expect(atLimit.body.errors ?? []).toEqual([]);
    const over = await stack.post(withTokens(1001));
    expect(errorCodes(over)).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect(over.body.errors![0].message).toMatch(/1000 tokens/);
  });

  it('cost: connections multiply by first', async () => {
    const cost = (first: number) =>
      `{ shipments(first: ${first}) { edges { node { reference goods { hsCode } consignor { certifications { program { tiers { code } } } } } } } }`;
    // the limit's verdict only: need-to-know may withhold some consignors' certifications (FORBIDDEN on those paths)
    expect(errorCodes(await stack.post(cost(10))).filter((c) => c === 'OPERATION_LIMIT_EXCEEDED')).toEqual([]);
    const over = await stack.post(cost(100));
    expect(errorCodes(over)).toEqual(['OPERATION_LIMIT_EXCEEDED']);
    expect(over.body.errors![0].extensions!.limit).toBe('cost');
  });

  it('first: 100 passes, 101 is refused', async () => {
    expect(errorCodes(await stack.post('{ operators(first: 100) { edges { node { id } } } }'))).toEqual([]);
    expect(errorCodes(await stack.post('{ operators(first: 101) { edges { node { id } } } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('request body: 100 KB passes the HTTP layer, larger is refused with 413', async () => {
    const padding = (bytes: number) => ' '.repeat(bytes);
    const ok = await stack.postBody(`{"query":"{ benefits { code } }${padding(100 * 1024 - 40)}"}`);
    expect(ok.status).toBe(200);
    const over = await stack.postBody(`{"query":"{ benefits { code } }${padding(100 * 1024 + 10)}"}`);
    expect(over.status).toBe(413);
    expect(errorCodes(over)).toEqual(['PAYLOAD_TOO_LARGE']);
  });

  it('introspection and field suggestions are for analysts only', async () => {
    expect(errorCodes(await stack.post('{ __schema { queryType { name } } }', undefined, { as: 'web-explorer' }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await stack.post('{ __type(name: "Operator") { name } }', undefined, { as: 'web-explorer' }))).toEqual(['FORBIDDEN']);
    expectNoErrors(await stack.post('{ __schema { queryType { name } } }', undefined, { as: 'us-cbp-analyst' }));
    const typo = '{ benefits { cod } }';
    expect((await stack.post(typo, undefined, { as: 'web-explorer' })).body.errors![0].message).not.toMatch(/Did you mean/);
    expect((await stack.post(typo, undefined, { as: 'us-cbp-analyst' })).body.errors![0].message).toMatch(/Did you mean/);
  });
});

describe('edge protections', () => {
  it('CSRF prevention: simple requests that a browser could forge are refused', async () => {
    const token = await stack.token('web-explorer');
    const textPlain = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
      body: '{"query":"{ benefits { code } }"}',
    });
    expect(textPlain.status).toBe(400);
    const form = await fetch(stack.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
      body: 'query=%7B%20benefits%20%7B%20code%20%7D%20%7D',
    });
    expect(form.status).toBe(400);
    const simpleGet = await fetch(`${stack.graphqlUrl}?query=${encodeURIComponent('{ benefits { code } }')}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(simpleGet.status).toBe(400);
    expect(await simpleGet.text()).toMatch(/CSRF|preflight/i);
  });

  it('rate limit per client: HTTP 429 with Retry-After', async () => {
    const limited = await startTestStack({ limits: { ...stack.config.limits, ratePerMinute: 3 } });
    try {
      const statuses: number[] = [];
      let retryAfter: string | null = null;
      for (let i = 0; i < 5; i++) {
        const r = await limited.post('{ benefits { code } }', undefined, { as: 'web-explorer' });
        statuses.push(r.status);
        if (r.status === 429) retryAfter = r.headers.get('retry-after');
      }
      expect(statuses.slice(0, 3)).toEqual([200, 200, 200]);
      expect(statuses.slice(3)).toEqual([429, 429]);
      expect(Number(retryAfter)).toBeGreaterThan(0);
      // Another client is not affected.
      expect((await limited.post('{ benefits { code } }', undefined, { as: 'us-cbp-analyst' })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('masks internal failures: no SQL, Prisma message, host, port or stack trace reaches the client', async () => {
    const broken = await startTestStack();
    try {
      await broken.db.$executeRawUnsafe('DROP TABLE "GoodsLine"');
      const result = await broken.post('{ shipment(reference: "DEMO-KR-US-0001") { reference goods { hsCode } } }', undefined, { as: 'kr-kcs-analyst' });
      const text = JSON.stringify(result.body);
      expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
      expect(result.body.errors![0].extensions!.subgraph).toBe('shipments');
      expect(text).not.toMatch(/GoodsLine|SQL|sqlite|prisma|no such table|127\.0\.0\.1|localhost|:\d{4,5}|at \w+ \(|\.ts:\d+/i);
      expect(result.status).toBe(200);
      expect(result.body.errors![0].message).toBe('The shipments service failed to answer this part of the request.');
    } finally {
      await broken.stop();
    }
  });
});

describe('audit log', () => {
  it('records partner and front-end operations; analysts read only their own administration', async () => {
    await stack.postBody({ documentId: `sha256:${headline.id}`, variables: { reference: 'DEMO-KR-US-0001' } }, { as: 'kr-kcs-partner' });
    await stack.postBody({ query: '{ benefits { code } }' }, { as: 'kr-kcs-partner' });
    await stack.post('{ benefits { code } }', undefined, { as: 'web-explorer' });
    await stack.audit.flush();

    const kr = expectNoErrors(
      await stack.post(
        '{ auditLog(first: 50) { totalCount edges { node { clientId administration { code } documentId operationName outcome errorCodes } } } }',
        undefined,
        { as: 'kr-kcs-analyst' },
      ),
    ).auditLog;
    const nodes = kr.edges.map((e: Json) => e.node);
    expect(nodes.every((n: Json) => n.administration.code === 'KR-KCS')).toBe(true);
    expect(nodes).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ clientId: 'kr-kcs-partner', documentId: headline.id, operationName: 'ShipmentRecognition', outcome: 'OK' }),
        expect.objectContaining({ clientId: 'kr-kcs-partner', outcome: 'REJECTED', errorCodes: ['PERSISTED_QUERY_NOT_IN_LIST'] }),
      ]),
    );
    const us = expectNoErrors(
      await stack.post('{ auditLog(first: 50) { edges { node { clientId administration { code } } } } }', undefined, { as: 'us-cbp-analyst' }),
    ).auditLog;
    expect(us.edges.map((e: Json) => e.node.clientId)).toContain('web-explorer');
    expect(us.edges.every((e: Json) => e.node.administration.code === 'US-CBP')).toBe(true);
    expect(errorCodes(await stack.post('{ auditLog(first: 5) { totalCount } }', undefined, { as: 'web-explorer' }))).toEqual(['FORBIDDEN']);
  });
});

describe('recognition under need-to-know', () => {
  it("an importer with no recorded recognition of the consignor administration's programmes (its register not known complete) is told REGISTER_COVERAGE_UNKNOWN, without seeing the certifications", async () => {
    const result = await stack.post(
      '{ shipment(reference: "DEMO-KR-BR-0001") { recognition { outcome recognized findings { code } } consignor { certifications { id } } } }',
      undefined,
      { as: 'br-rfb-analyst' },
    );
    expect(result.body.data!.shipment.recognition).toEqual({
      outcome: 'UNDETERMINED',
      recognized: false,
      findings: [{ code: 'REGISTER_COVERAGE_UNKNOWN' }, { code: 'CERTIFICATION_NOT_DISCLOSED' }, { code: 'EVALUATED_ON_ARRIVAL' }],
    });
    expect(result.body.data!.shipment.consignor.certifications).toBeNull();
    expect(JSON.stringify(result.body)).not.toMatch(/CERT-OP-KR-DEMO-0001/);
  });
});

describe('analyst tools', () => {
  it('the standard introspection query (15 levels deep) works for analysts despite the depth limit', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const data = expectNoErrors(await stack.post(getIntrospectionQuery(), undefined, { as: 'us-cbp-analyst' }));
    expect(data.__schema.types.length).toBeGreaterThan(20);
    expect(errorCodes(await stack.post(getIntrospectionQuery(), undefined, { as: 'web-explorer' }))).toEqual(['FORBIDDEN']);
  });
});
