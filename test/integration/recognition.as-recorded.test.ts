/**
 * Recognition as recorded at an instant (asRecordedAt), through the real gateway over HTTP: a change recorded
 * late with an earlier effective date (a backdated suspension of the consignor's certification, a suspension or
 * termination of the agreement) changes today's answer for a past shipment, and the answer the registry gave
 * before the change was recorded stays reproducible.
 *
 * The shipment: DEMO-KR-BR-0001 (consignor OP-KR-DEMO-0001, KR-AEO certificate renewed on 2024-05-02; departed
 * 2024-05-20, arrived 2024-06-28, to Brazil). No Korea-Brazil arrangement is seeded, so each stack records one
 * through the API (proposed by KR-KCS, confirmed by BR-RFB; in force from 2024-01-01): the shipment is then
 * RECOGNIZED. Dating changes back to 2024 needs a retroactive window wider than the default 30 days, which the
 * stacks of this file configure (AGREEMENT_RETROACTIVE_DAYS): what is tested is the registry's memory, not the policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, expectNoErrors, startTestStack, type GraphQLResult, type TestStack } from '../support/stack.js';
import { buildManifest } from '../../src/gateway/documents.js';

const manifest = buildManifest();
const REFERENCE = 'DEMO-KR-BR-0001';
const CONSIGNOR = 'OP-KR-DEMO-0001';
const CERTIFICATION = 'CERT-OP-KR-DEMO-0001';
const AGREEMENT = 'MRA-KR-BR-ASREC';

const krBr = {
  id: AGREEMENT,
  title: 'Korea (KCS) - Brazil (RFB): AEO mutual recognition (as-recorded test)',
  parties: [
    { administration: 'KR-KCS', program: 'KR-AEO' },
    { administration: 'BR-RFB', program: 'BR-OEA' },
  ],
  signedOn: '2023-11-01',
  inForceFrom: '2024-01-01',
  directions: [
    { recognizingAdministration: 'BR-RFB', recognizedProgram: 'KR-AEO', benefits: ['REDUCED_EXAMINATIONS'] },
    { recognizingAdministration: 'KR-KCS', recognizedProgram: 'BR-OEA' },
  ],
  sources: ['https://example.org/kr-br-mra'],
};

type Answer = {
  outcome: string;
  recognized: boolean;
  findings: { code: string; message: string }[];
  recognitions: { id: string; effectiveTo: string | null }[];
};

/** Wide enough to date changes back to 2024. */
const stackConfig = { agreements: { retroactiveWindowDays: 5000 } };

/** One millisecond before an instant: the registry's knowledge just before something was recorded. */
const justBefore = (instant: string) => new Date(Date.parse(instant) - 1).toISOString();

async function setUp(): Promise<{ stack: TestStack; recordedAt: string }> {
  const stack = await startTestStack(stackConfig);
  const proposed = expectNoErrors(await trusted(stack, 'ProposeAgreement', { input: krBr }, 'kr-kcs-registrar')).proposeAgreement;
  expect(proposed.__typename).toBe('ProposeAgreementSuccess');
  const confirmed = expectNoErrors(
    await trusted(stack, 'ConfirmAgreement', { input: { agreementId: AGREEMENT, reason: 'Confirmed by RFB' } }, 'br-rfb-registrar'),
  ).confirmAgreement;
  expect(confirmed.__typename).toBe('ConfirmAgreementSuccess');
  return { stack, recordedAt: confirmed.agreement.statusHistory[0].recordedAt };
}

/** What the tests read of a mutation's payload. */
type Payload = {
  __typename: string;
  agreement: { version: number; statusHistory: { recordedAt: string }[] };
  statusPeriod: { recordedAt: string };
  event: { recordedAt: string };
};

function trusted(stack: TestStack, name: string, variables: Record<string, unknown>, as: string): Promise<GraphQLResult<Record<string, Payload>>> {
  return stack.postBody<Record<string, Payload>>({ documentId: `sha256:${manifest.operations.find((o) => o.name === name)!.id}`, variables }, { as });
}

async function recognition(stack: TestStack, asRecordedAt?: string): Promise<Answer> {
  const result = await stack.post<{ shipment: { recognition: Answer } }>(
    `query($reference: ID!, $at: DateTime) {
      shipment(reference: $reference) {
        recognition(asRecordedAt: $at) { outcome recognized findings { code message } recognitions { id effectiveTo } }
      }
    }`,
    { reference: REFERENCE, at: asRecordedAt ?? null },
    { as: 'kr-kcs-analyst' },
  );
  return expectNoErrors(result).shipment.recognition;
}

async function recognizedBy(stack: TestStack, asRecordedAt?: string): Promise<string[]> {
  const result = await stack.post<{ operator: { recognizedBy: { id: string }[] } }>(
    `query($id: ID!, $at: DateTime) { operator(id: $id) { recognizedBy(asOf: "2024-06-28", asRecordedAt: $at) { id } } }`,
    { id: CONSIGNOR, at: asRecordedAt ?? null },
    { as: 'kr-kcs-analyst' },
  );
  return expectNoErrors(result).operator.recognizedBy.map((r) => r.id);
}

const BR_RECOGNIZES_KR = `${AGREEMENT}:BR-RFB<-KR-AEO`;

/** Operator.recognitionAnswers: the outcome under Brazil's recognition of KR-AEO on the shipment's date. */
async function brazilAnswer(stack: TestStack, asRecordedAt?: string): Promise<string | undefined> {
  const result = await stack.post<{ operator: { recognitionAnswers: { recognition: { id: string }; outcome: string }[] } }>(
    `query($id: ID!, $at: DateTime) { operator(id: $id) { recognitionAnswers(asOf: "2024-06-28", asRecordedAt: $at) { recognition { id } outcome } } }`,
    { id: CONSIGNOR, at: asRecordedAt ?? null },
    { as: 'kr-kcs-analyst' },
  );
  return expectNoErrors(result).operator.recognitionAnswers.find((a) => a.recognition.id === BR_RECOGNIZES_KR)?.outcome;
}

describe('a backdated suspension of the certification', () => {
  let stack: TestStack;
  let agreementRecordedAt: string;
  beforeAll(async () => {
    ({ stack, recordedAt: agreementRecordedAt } = await setUp());
  });
  afterAll(() => stack?.stop());

  it("changes today's answer for the past shipment; asRecordedAt before it was recorded gives the earlier answer", async () => {
    const before = await recognition(stack);
    expect(before.outcome).toBe('RECOGNIZED');
    expect(await recognizedBy(stack)).toContain(BR_RECOGNIZES_KR);
    expect(await brazilAnswer(stack)).toBe('RECOGNIZED');

    const cert = expectNoErrors(
      await stack.post<{ certification: { version: number } }>(`{ certification(id: "${CERTIFICATION}") { version } }`, {}, { as: 'kr-kcs-analyst' }),
    ).certification;
    const suspended = expectNoErrors(
      await trusted(
        stack,
        'SuspendCertification',
        { input: { certificationId: CERTIFICATION, expectedVersion: cert.version, effectiveOn: '2024-05-10', reason: 'Found late: failed audit (backdated)' } },
        'kr-kcs-registrar',
      ),
    ).suspendCertification;
    expect(suspended.__typename).toBe('SuspendCertificationSuccess');
    const suspensionRecordedAt: string = suspended.event.recordedAt;
    expect(Date.parse(agreementRecordedAt)).toBeLessThan(Date.parse(suspensionRecordedAt));

    const today = await recognition(stack);
    expect(today.outcome).toBe('NOT_RECOGNIZED');
    expect(today.findings.map((f) => f.code)).toContain('CERTIFICATION_SUSPENDED');
    expect(await recognizedBy(stack)).not.toContain(BR_RECOGNIZES_KR);
    expect(await brazilAnswer(stack)).toBe('NOT_RECOGNIZED');

    // As the registry knew it just before the suspension was recorded: the answer given then.
    const then = await recognition(stack, justBefore(suspensionRecordedAt));
    expect(then).toEqual(before);
    expect(await recognizedBy(stack, justBefore(suspensionRecordedAt))).toContain(BR_RECOGNIZES_KR);
    expect(await brazilAnswer(stack, justBefore(suspensionRecordedAt))).toBe('RECOGNIZED');
    // From the instant it was recorded on, the suspension counts (with an offset: the same instant).
    const tokyo = new Date(Date.parse(suspensionRecordedAt) + 9 * 3600_000).toISOString().replace('Z', '+09:00');
    expect((await recognition(stack, tokyo)).outcome).toBe('NOT_RECOGNIZED');
    // Before the agreement itself was recorded, the registry recorded no Brazilian recognition of a Korean programme;
    // BR-RFB's list is not known complete, so that absence was not proof: UNDETERMINED, not NOT_RECOGNIZED.
    const beforeAgreement = await recognition(stack, justBefore(agreementRecordedAt));
    expect(beforeAgreement.outcome).toBe('UNDETERMINED');
    expect(beforeAgreement.findings.map((f) => f.code)).toContain('REGISTER_COVERAGE_UNKNOWN');
    expect(beforeAgreement.findings.map((f) => f.code)).not.toContain('NO_AGREEMENT');
  });
});

describe('agreement changes recorded late', () => {
  let stack: TestStack;
  beforeAll(async () => {
    ({ stack } = await setUp());
  });
  afterAll(() => stack?.stop());

  const change = async (version: number, status: string, effectiveOn: string) => {
    const result = expectNoErrors(
      await trusted(
        stack,
        'ChangeAgreementStatus',
        { input: { agreementId: AGREEMENT, expectedVersion: version, status, effectiveOn, reason: `${status} (recorded late)` } },
        'kr-kcs-registrar',
      ),
    ).changeAgreementStatus;
    expect(result.__typename).toBe('ChangeAgreementStatusSuccess');
    return { recordedAt: result.statusPeriod.recordedAt, version: result.agreement.version };
  };

  it('a suspension, a resumption and a termination: each earlier answer stays reproducible', async () => {
    const original = await recognition(stack);
    expect(original.outcome).toBe('RECOGNIZED');

    // Suspended from 2024-03-01 (before the shipment), recorded now.
    const suspension = await change(1, 'SUSPENDED', '2024-03-01');
    const suspendedToday = await recognition(stack);
    expect(suspendedToday.outcome).toBe('NOT_RECOGNIZED');
    expect(suspendedToday.findings.map((f) => f.code)).toContain('AGREEMENT_NOT_IN_FORCE');
    expect(await recognition(stack, justBefore(suspension.recordedAt))).toEqual(original);

    // Back in force from 2024-04-01 (before the shipment): recognized again today.
    const resumption = await change(suspension.version, 'IN_FORCE', '2024-04-01');
    expect((await recognition(stack)).outcome).toBe('RECOGNIZED');
    expect(await recognition(stack, justBefore(resumption.recordedAt))).toEqual(suspendedToday);

    // Terminated from 2024-05-15 (before the shipment): the termination also ends the direction on that date.
    const termination = await change(resumption.version, 'TERMINATED', '2024-05-15');
    const terminatedToday = await recognition(stack);
    expect(terminatedToday.outcome).toBe('NOT_RECOGNIZED');
    expect(terminatedToday.findings.map((f) => f.code)).toContain('AGREEMENT_NOT_IN_FORCE');
    const beforeTermination = await recognition(stack, justBefore(termination.recordedAt));
    expect(beforeTermination.outcome).toBe('RECOGNIZED');
    // The direction as it was then: open-ended (the termination's end date is not yet known).
    expect(beforeTermination.recognitions.map((r) => [r.id, r.effectiveTo])).toEqual([[BR_RECOGNIZES_KR, null]]);
    expect(await recognizedBy(stack, justBefore(termination.recordedAt))).toContain(BR_RECOGNIZES_KR);
    expect(await recognizedBy(stack)).not.toContain(BR_RECOGNIZES_KR);
    expect(await brazilAnswer(stack, justBefore(termination.recordedAt))).toBe('RECOGNIZED');
    expect(await brazilAnswer(stack)).toBe('NOT_RECOGNIZED');

    // Asking again at the same instants gives the same answers.
    expect(await recognition(stack, justBefore(suspension.recordedAt))).toEqual(original);
    expect(await recognition(stack, termination.recordedAt)).toEqual(terminatedToday);
  });
});

describe('asRecordedAt input', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(stackConfig);
  });
  afterAll(() => stack?.stop());

  const ask = (at: unknown, inline = false) =>
    stack.post(
      inline
        ? `{ shipment(reference: "${REFERENCE}") { recognition(asRecordedAt: ${JSON.stringify(at)}) { outcome } } }`
        : `query($at: DateTime) { shipment(reference: "${REFERENCE}") { recognition(asRecordedAt: $at) { outcome } } }`,
      inline ? {} : { at },
      { as: 'kr-kcs-analyst' },
    );

  it.each(['2024-06-01', '2024-06-01T12:00:00', 'yesterday', '2024-02-30T00:00:00Z'])('%j is refused with BAD_USER_INPUT', async (at) => {
    const result = await ask(at);
    expect(errorCodes(result)).toContain('BAD_USER_INPUT');
    expect(JSON.stringify(result.body.errors)).toMatch(/ISO 8601 instant/);
  });

  it('a literal that is not an instant makes the document invalid, as for Date: GRAPHQL_VALIDATION_FAILED with the same message', async () => {
    const result = await ask('2024-06-01', true);
    expect(errorCodes(result)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(result.body.errors![0].message).toMatch(/DateTime must be an ISO 8601 instant with a UTC offset/);
  });

  it('an instant in the future is refused (what the registry will know then is not known yet)', async () => {
    const result = await ask(new Date(Date.now() + 86_400_000).toISOString());
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.body.errors![0].message).toMatch(/in the future/);
  });
});
