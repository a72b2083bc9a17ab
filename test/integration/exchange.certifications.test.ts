/**
 * Certification changes over HTTP through the real gateway, as registered clients sending trusted
 * documents: who may write, lost updates, idempotent retries, atomicity, time travel, the change feed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack, type Json } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(() => stack?.stop());

const manifest = buildManifest();
const documentId = (name: string) => {
  const op = manifest.operations.find((o) => o.name === name);
  if (!op) throw new Error(`no trusted operation ${name}`);
  return `sha256:${op.id}`;
};
const run = <T = Json>(name: string, variables: Record<string, unknown>, as: string, headers?: Record<string, string>): Promise<GraphQLResult<T>> =>
  stack.postBody<T>({ documentId: documentId(name), variables }, { as, headers });

const KR_CERT = 'CERT-OP-KR-DEMO-0001';

async function certification(id: string) {
  return expectNoErrors(await run('CertificationHistory', { id }, 'kr-kcs-registrar')).certification;
}

async function recognition(reference: string) {
  return expectNoErrors(await run('ShipmentRecognition', { reference }, 'kr-kcs-registrar')).shipment.recognition;
}

const suspend = (
  certificationId: string,
  expectedVersion: number,
  effectiveOn: string,
  as = 'kr-kcs-registrar',
  headers?: Record<string, string>,
  reason = 'Post-audit finding (test)',
) => run('SuspendCertification', { input: { certificationId, expectedVersion, effectiveOn, reason } }, as, headers);

/**
 * us-cbp-registrar changing a KR-KCS certification is refused: FORBIDDEN when US-CBP may see it (it recognizes
 * KR-AEO under an agreement in force), otherwise the NotFoundError of an unknown id (no existence oracle).
 */
async function expectRefusedToUsCbp(result: GraphQLResult, certificationId: string): Promise<'FORBIDDEN' | 'NOT_FOUND'> {
  const seen = await stack.post('query($id: ID!) { certification(id: $id) { id } }', { id: certificationId }, { as: 'us-cbp-analyst' });
  if (seen.body.data?.certification) {
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    return 'FORBIDDEN';
  }
  expect(expectNoErrors(result).suspendCertification).toEqual({
    __typename: 'NotFoundError',
    code: 'NOT_FOUND',
    message: `Certification ${JSON.stringify(certificationId)} was not found.`,
    entity: 'Certification',
    key: certificationId,
  });
  return 'NOT_FOUND';
}

/** A KR-KCS certification with no change after `before`, in the given status: the tests change different ones. */
async function krCertification(status: string, skip = 0): Promise<{ id: string; version: number; tier: string | null }> {
  const rows = await stack.db.certification.findMany({
    where: { programCode: 'KR-AEO', status, operator: { synthetic: true }, events: { every: { effectiveOn: { lt: '2026-06-01' } } } },
    orderBy: { id: 'asc' },
    skip,
    take: 1,
  });
  if (!rows[0]) throw new Error(`no ${status} KR-AEO certification in the test data`);
  return { id: rows[0].id, version: rows[0].version, tier: rows[0].tierCode };
}

describe('who may write', () => {
  it('US-CBP may not suspend a Korean certification: FORBIDDEN (or NOT_FOUND when it may not see it), nothing written', async () => {
    const before = await certification(KR_CERT);
    const result = await suspend(KR_CERT, before.version, '2024-06-01', 'us-cbp-registrar');
    if ((await expectRefusedToUsCbp(result, KR_CERT)) === 'FORBIDDEN') expect(result.body.errors![0].message).toMatch(/KR-KCS/);
    const after = await certification(KR_CERT);
    expect(after.version).toBe(before.version);
    expect(after.history).toHaveLength(before.history.length);
  });

  it('a client without the write scope is refused, with a trusted document or free-form', async () => {
    const before = await certification(KR_CERT);
    expect(errorCodes(await suspend(KR_CERT, before.version, '2024-06-01', 'kr-kcs-partner'))).toEqual(['FORBIDDEN']);
    const freeForm = await stack.post(
      `mutation($input: SuspendCertificationInput!) { suspendCertification(input: $input) { __typename } }`,
      { input: { certificationId: KR_CERT, expectedVersion: before.version, effectiveOn: '2024-06-01', reason: 'x' } },
      { as: 'kr-kcs-analyst' },
    );
    expect(errorCodes(freeForm)).toEqual(['FORBIDDEN']);
    expect((await certification(KR_CERT)).version).toBe(before.version);
  });
});

describe('expected failures are results, and leave nothing behind', () => {
  it('every problem with the input is listed; nothing is written', async () => {
    const cert = await krCertification('CERTIFIED');
    const before = await certification(cert.id);
    const result = expectNoErrors(await suspend(cert.id, cert.version, '1990-01-01', 'kr-kcs-registrar', undefined, '   ')).suspendCertification;
    expect(result.__typename).toBe('ValidationError');
    expect(result.code).toBe('VALIDATION_FAILED');
    expect(result.problems.map((p: Json) => p.field).sort()).toEqual(['effectiveOn', 'reason']);
    expect(result.problems.find((p: Json) => p.field === 'effectiveOn').message).toMatch(/before the latest recorded change/);
    const after = await certification(cert.id);
    expect(after.version).toBe(before.version);
    expect(after.history).toEqual(before.history);
  });

  it('a date in the future, an unknown tier, an unknown certification, an impossible transition', async () => {
    const cert = await krCertification('CERTIFIED', 1);
    const future = expectNoErrors(await suspend(cert.id, cert.version, '2999-01-01')).suspendCertification;
    expect(future.__typename).toBe('ValidationError');
    expect(future.problems[0].message).toMatch(/future/);

    const tier = expectNoErrors(
      await run(
        'ChangeCertificationTier',
        { input: { certificationId: cert.id, expectedVersion: cert.version, tier: 'AAAA', effectiveOn: '2026-11-02', reason: 'x' } },
        'kr-kcs-registrar',
      ),
    ).changeCertificationTier;
    expect(tier).toMatchObject({ __typename: 'ValidationError', problems: [{ field: 'tier' }] });
    expect(tier.problems[0].message).toMatch(/A, AA, AAA/);

    const missing = expectNoErrors(await suspend('CERT-NOPE', 1, '2026-11-02')).suspendCertification;
    expect(missing).toMatchObject({ __typename: 'NotFoundError', code: 'NOT_FOUND', entity: 'Certification', key: 'CERT-NOPE' });

    const reinstate = expectNoErrors(
      await run(
        'ReinstateCertification',
        { input: { certificationId: cert.id, expectedVersion: cert.version, effectiveOn: '2026-11-02', reason: 'x' } },
        'kr-kcs-registrar',
      ),
    ).reinstateCertification;
    expect(reinstate).toMatchObject({ __typename: 'ConflictError', code: 'INVALID_TRANSITION', currentVersion: cert.version });
    expect(reinstate.message).toMatch(/CERTIFIED/);

    const stale = expectNoErrors(await suspend(cert.id, cert.version + 5, '2026-11-02')).suspendCertification;
    expect(stale).toMatchObject({ __typename: 'ConflictError', code: 'VERSION_CONFLICT', currentVersion: cert.version });
    expect((await certification(cert.id)).version).toBe(cert.version);
  });

  it("certifyOperator: duplicate certificate number and another administration's programme, nothing created", async () => {
    const operators = await stack.db.operator.count();
    const certifications = await stack.db.certification.count();
    const duplicate = expectNoErrors(
      await run(
        'CertifyOperator',
        {
          input: {
            operatorId: 'OP-KR-DEMO-0001',
            program: 'KR-AEO',
            tier: 'AA',
            certificateNumber: 'KR-AEO-2019-D00001',
            certifiedOn: '2026-11-02',
            reason: 'x',
          },
        },
        'kr-kcs-registrar',
      ),
    ).certifyOperator;
    expect(duplicate).toMatchObject({ __typename: 'ConflictError', code: 'ALREADY_EXISTS' });
    const uncertified = await stack.db.operator.findFirstOrThrow({
      where: { administrationCode: 'KR-KCS', synthetic: true, certifications: { none: {} } },
      orderBy: { id: 'asc' },
    });
    const wrongProgram = expectNoErrors(
      await run(
        'CertifyOperator',
        {
          input: {
            operatorId: uncertified.id,
            program: 'US-CTPAT',
            tier: 'ZZ',
            certificateNumber: 'KR-TEST-1',
            certifiedOn: '2026-11-02',
            validUntil: '2020-01-01',
            reason: 'x',
          },
        },
        'kr-kcs-registrar',
      ),
    ).certifyOperator;
    expect(wrongProgram.__typename).toBe('ValidationError');
    expect(wrongProgram.problems.map((p: Json) => p.field).sort()).toEqual(['program', 'tier', 'validUntil']);
    expect(await stack.db.operator.count()).toBe(operators);
    expect(await stack.db.certification.count()).toBe(certifications);
  });

  it("certifyOperator certifies an uncertified operator of the caller's administration", async () => {
    const operator = await stack.db.operator.findFirstOrThrow({
      where: { administrationCode: 'KR-KCS', synthetic: true, certifications: { none: {} } },
      orderBy: { id: 'desc' },
    });
    const result = expectNoErrors(
      await run(
        'CertifyOperator',
        {
          input: {
            operatorId: operator.id,
            program: 'KR-AEO',
            tier: 'A',
            certificateNumber: 'KR-AEO-2026-T00001',
            certifiedOn: '2026-11-02',
            validUntil: '2031-11-02',
            reason: 'Initial certification (test)',
          },
        },
        'kr-kcs-registrar',
      ),
    ).certifyOperator;
    expect(result.__typename).toBe('CertifyOperatorSuccess');
    expect(result.certification).toMatchObject({
      status: 'CERTIFIED',
      tier: 'A',
      version: 1,
      program: { code: 'KR-AEO' },
      certificateNumber: 'KR-AEO-2026-T00001',
    });
    expect(result.event).toMatchObject({ type: 'CERTIFIED', statusBefore: null, statusAfter: 'CERTIFIED', recordedBy: 'kr-kcs-registrar' });
    const forbidden = await run(
      'CertifyOperator',
      {
        input: { operatorId: operator.id, program: 'US-CTPAT', tier: 'I', certificateNumber: 'US-TEST-1', certifiedOn: '2026-11-02', reason: 'x' },
      },
      'us-cbp-registrar',
    );
    expect(errorCodes(forbidden)).toEqual(['FORBIDDEN']);
  });
});

describe('no lost updates', () => {
  it('two suspensions with the same expectedVersion in parallel: exactly one succeeds, the other is a VERSION_CONFLICT', async () => {
    const cert = await krCertification('CERTIFIED', 2);
    const results = await Promise.all([suspend(cert.id, cert.version, '2026-11-02'), suspend(cert.id, cert.version, '2026-11-02')]);
    const payloads = results.map((r) => expectNoErrors(r).suspendCertification);
    expect(payloads.map((p) => p.__typename).sort()).toEqual(['ConflictError', 'SuspendCertificationSuccess']);
    const conflict = payloads.find((p) => p.__typename === 'ConflictError');
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: cert.version + 1 });
    const after = await certification(cert.id);
    expect(after.version).toBe(cert.version + 1);
    expect(after.history.filter((e: Json) => e.type === 'SUSPENDED' && e.effectiveOn === '2026-11-02')).toHaveLength(1);
  });

  it('a tier change and a suspension in parallel on the same version: one wins, nothing is lost silently', async () => {
    const cert = await krCertification('CERTIFIED', 3);
    const tier = cert.tier === 'AAA' ? 'AA' : 'AAA';
    const [changed, suspended] = await Promise.all([
      run(
        'ChangeCertificationTier',
        { input: { certificationId: cert.id, expectedVersion: cert.version, tier, effectiveOn: '2026-11-02', reason: 'Re-graded (test)' } },
        'kr-kcs-registrar',
      ),
      suspend(cert.id, cert.version, '2026-11-02'),
    ]);
    const kinds = [expectNoErrors(changed).changeCertificationTier.__typename, expectNoErrors(suspended).suspendCertification.__typename].sort();
    expect(kinds.filter((k) => k === 'ConflictError')).toHaveLength(1);
    const after = await certification(cert.id);
    expect(after.version).toBe(cert.version + 1);
    expect(after.history.length).toBe(await stack.db.certificationEvent.count({ where: { certificationId: cert.id } }));
  });
});

describe('idempotent retries', () => {
  it('the same Idempotency-Key twice returns the first response and writes one event', async () => {
    const cert = await krCertification('CERTIFIED', 4);
    const events = await stack.db.certificationEvent.count({ where: { certificationId: cert.id } });
    const headers = { 'idempotency-key': `suspend-${cert.id}-test-1` };
    const first = await suspend(cert.id, cert.version, '2026-11-02', 'kr-kcs-registrar', headers);
    const second = await suspend(cert.id, cert.version, '2026-11-02', 'kr-kcs-registrar', headers);
    expect(expectNoErrors(first).suspendCertification.__typename).toBe('SuspendCertificationSuccess');
    expect(second.body).toEqual(first.body);
    expect(await stack.db.certificationEvent.count({ where: { certificationId: cert.id } })).toBe(events + 1);
    expect((await certification(cert.id)).version).toBe(cert.version + 1);

    // Without the key the same retry is a conflict: the key is what makes it safe.
    expect(expectNoErrors(await suspend(cert.id, cert.version, '2026-11-02')).suspendCertification.code).toBe('VERSION_CONFLICT');
    // The same key with another input is refused.
    const reused = expectNoErrors(await suspend(cert.id, cert.version + 1, '2026-11-02', 'kr-kcs-registrar', headers, 'Another reason')).suspendCertification;
    expect(reused).toMatchObject({ __typename: 'ConflictError', code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await stack.db.certificationEvent.count({ where: { certificationId: cert.id } })).toBe(events + 1);
  });

  it('concurrent retries with the same key: one write, the same answer', async () => {
    const cert = await krCertification('CERTIFIED', 5);
    const headers = { 'idempotency-key': `suspend-${cert.id}-parallel` };
    const results = await Promise.all([1, 2, 3].map(() => suspend(cert.id, cert.version, '2026-11-02', 'kr-kcs-registrar', headers)));
    for (const r of results) expect(r.body).toEqual(results[0].body);
    expect(expectNoErrors(results[0]).suspendCertification.__typename).toBe('SuspendCertificationSuccess');
    expect(await stack.db.certificationEvent.count({ where: { certificationId: cert.id, effectiveOn: '2026-11-02' } })).toBe(1);
  });

  it("keys are per client: another client's key does not replay", async () => {
    const cert = await krCertification('CERTIFIED', 6);
    const headers = { 'idempotency-key': `shared-key-${cert.id}` };
    await expectRefusedToUsCbp(await suspend(cert.id, cert.version, '2026-11-02', 'us-cbp-registrar', headers), cert.id);
    expect(expectNoErrors(await suspend(cert.id, cert.version, '2026-11-02', 'kr-kcs-registrar', headers)).suspendCertification.__typename).toBe(
      'SuspendCertificationSuccess',
    );
  });
});

describe("time travel and the change feed (the issue's must-show)", () => {
  it('a suspension effective 2024-06-01 makes the later shipment NOT_RECOGNIZED; the earlier one stays RECOGNIZED', async () => {
    const startedAt = new Date().toISOString();
    // Korea–Canada is in force from 2015-11-01 (US–Korea has no documented date since the register's re-verification).
    expect((await recognition('DEMO-KR-CA-0002')).recognized).toBe(true);
    expect((await recognition('DEMO-KR-CA-0001')).recognized).toBe(true);

    const before = await certification(KR_CERT);
    const result = expectNoErrors(
      await suspend(
        KR_CERT,
        before.version,
        '2024-06-01',
        'kr-kcs-registrar',
        { 'idempotency-key': 'must-show-suspension-0001' },
        'Suspended pending a post-authorisation audit (test)',
      ),
    ).suspendCertification;
    expect(result.__typename).toBe('SuspendCertificationSuccess');
    expect(result.certification).toMatchObject({ id: KR_CERT, status: 'SUSPENDED', tier: 'AAA', version: before.version + 1 });
    expect(result.event).toMatchObject({
      type: 'SUSPENDED',
      effectiveOn: '2024-06-01',
      recordedBy: 'kr-kcs-registrar',
      statusBefore: 'CERTIFIED',
      statusAfter: 'SUSPENDED',
      tierBefore: 'AAA',
      tierAfter: 'AAA',
    });
    expect(result.event.recordedAt >= startedAt).toBe(true);

    const later = await recognition('DEMO-KR-CA-0002');
    expect(later.recognized).toBe(false);
    expect(later.outcome).toBe('NOT_RECOGNIZED');
    expect(later.findings.map((f: Json) => f.code)).toContain('CERTIFICATION_SUSPENDED');
    expect(later.findings.find((f: Json) => f.code === 'CERTIFICATION_SUSPENDED').message).toMatch(/2024-06-01/);
    const earlier = await recognition('DEMO-KR-CA-0001');
    expect(earlier.recognized).toBe(true);
    expect(earlier.asOf).toBe('2024-04-16');

    const after = await certification(KR_CERT);
    expect(after.periods.at(-1)).toMatchObject({ from: '2024-06-01', to: null, status: 'SUSPENDED' });
    expect(after.history.at(-1)).toMatchObject({ type: 'SUSPENDED', reason: 'Suspended pending a post-authorisation audit (test)' });

    const asOf = expectNoErrors(
      await stack.post<Json>(
        `{ operator(id: "OP-KR-DEMO-0001") {
      before: recognizedBy(asOf: "2024-05-31") { recognizingAdministration { code } }
      after: recognizedBy(asOf: "2024-06-01") { recognizingAdministration { code } } } }`,
        undefined,
        { as: 'kr-kcs-analyst' },
      ),
    ).operator;
    expect(asOf.before.map((r: Json) => r.recognizingAdministration.code)).toContain('CA-CBSA');
    expect(asOf.after).toEqual([]);

    // The same mutation from US-CBP is refused (FORBIDDEN, or NOT_FOUND now that US-CBP may not see Korean certifications).
    await expectRefusedToUsCbp(await suspend(KR_CERT, after.version, '2024-06-01', 'us-cbp-registrar'), KR_CERT);

    // CA-CBSA recognizes KR-AEO (in force): its change feed shows the suspension. BR-RFB does not: its feed does not.
    const feed = async (as: string) => {
      const nodes: Json[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const data: Json = expectNoErrors(await run('CertificationChanges', { since: startedAt, first: 50, after }, as)).certificationChanges;
        nodes.push(...data.edges.map((e: Json) => e.node));
        if (!data.pageInfo.hasNextPage) break;
        after = data.pageInfo.endCursor;
      }
      return nodes;
    };
    const ca = await feed('ca-cbsa-partner');
    const seen = ca.find((n) => n.certification.id === KR_CERT && n.type === 'SUSPENDED');
    expect(seen).toMatchObject({
      effectiveOn: '2024-06-01',
      statusBefore: 'CERTIFIED',
      statusAfter: 'SUSPENDED',
      certification: { operator: { id: 'OP-KR-DEMO-0001' }, program: { code: 'KR-AEO' } },
    });
    expect(seen.certification.operator.identifiers.map((i: Json) => i.value)).toContain('KR-AEO-2019-D00001');
    expect(ca.every((n) => n.recordedAt >= startedAt)).toBe(true);
    const br = await feed('br-rfb-partner');
    expect(br.find((n) => n.certification.id === KR_CERT)).toBeUndefined();
    expect(br.every((n) => n.certification.program.code !== 'KR-AEO')).toBe(true);
  });
});

describe('the change feed', () => {
  it('pages in event order with opaque cursors and never repeats an event', async () => {
    const ids: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const data: Json = expectNoErrors(
        // KR-KCS sees its own administration's changes (plenty); US-CBP recognizes few programmes in force since the register's re-verification.
        await run('CertificationChanges', { since: '2010-01-01T00:00:00Z', first: 7, after }, 'kr-kcs-partner'),
      ).certificationChanges;
      expect(data.edges.length).toBe(7);
      ids.push(...data.edges.map((e: Json) => Number(e.node.id)));
      after = data.pageInfo.endCursor;
    }
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("shows a partner only what it may see, and its own administration's changes", async () => {
    const kr = expectNoErrors(await run('CertificationChanges', { since: '2000-01-01', first: 100 }, 'kr-kcs-partner')).certificationChanges;
    const programs = new Set(kr.edges.map((e: Json) => e.node.certification.program.code));
    expect(programs.has('KR-AEO')).toBe(true);
    const recognized = await stack.gateway.recognitionDirectory.programsRecognizedBy('KR-KCS');
    for (const p of programs) expect(p === 'KR-AEO' || recognized.includes(p as string)).toBe(true);
  });

  it('refuses a malformed since or cursor with BAD_USER_INPUT', async () => {
    expect(errorCodes(await run('CertificationChanges', { since: 'yesterday' }, 'us-cbp-partner'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await run('CertificationChanges', { since: '2024-01-01T00:00:00Z', after: 'bm9wZQ' }, 'us-cbp-partner'))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await run('CertificationChanges', { since: '2024-01-01T00:00:00Z', first: 1000 }, 'us-cbp-partner'))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('audit', () => {
  it("every write is in the history (who, when, what, why) and in the gateway's audit log, refusals included", async () => {
    const cert = await krCertification('CERTIFIED', 7);
    const startedAt = new Date().toISOString();
    const ok = expectNoErrors(
      await run(
        'ChangeCertificationTier',
        {
          input: {
            certificationId: cert.id,
            expectedVersion: cert.version,
            tier: cert.tier === 'A' ? 'AA' : 'A',
            effectiveOn: '2026-11-02',
            reason: 'Re-graded after audit (test)',
          },
        },
        'kr-kcs-registrar',
      ),
    ).changeCertificationTier;
    expect(ok.__typename).toBe('ChangeCertificationTierSuccess');
    const refusal = await expectRefusedToUsCbp(await suspend(cert.id, cert.version + 1, '2026-11-02', 'us-cbp-registrar'), cert.id);

    const last = (await certification(cert.id)).history.at(-1);
    expect(last).toMatchObject({ type: 'TIER_CHANGED', recordedBy: 'kr-kcs-registrar', tierBefore: cert.tier, reason: 'Re-graded after audit (test)' });
    expect(last.recordedAt >= startedAt).toBe(true);

    await stack.audit.flush();
    const entries = async (as: string) =>
      expectNoErrors(
        await stack.post<Json>('{ auditLog(first: 50) { edges { node { clientId operationName operationType outcome errorCodes } } } }', undefined, { as }),
      ).auditLog.edges.map((e: Json) => e.node);
    expect(await entries('kr-kcs-analyst')).toContainEqual({
      clientId: 'kr-kcs-registrar',
      operationName: 'ChangeCertificationTier',
      operationType: 'mutation',
      outcome: 'OK',
      errorCodes: [],
    });
    expect(await entries('us-cbp-analyst')).toContainEqual(
      refusal === 'FORBIDDEN'
        ? { clientId: 'us-cbp-registrar', operationName: 'SuspendCertification', operationType: 'mutation', outcome: 'ERROR', errorCodes: ['FORBIDDEN'] }
        : expect.objectContaining({ clientId: 'us-cbp-registrar', operationName: 'SuspendCertification', operationType: 'mutation' }),
    );
  });
});
