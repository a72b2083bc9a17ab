/**
 * Token lifetime limits (issue 12 item 6) and admission control (issue 13 item 2), in isolation:
 * the authenticator over a local issuer's keys, the admission queue over promises.
 */
import { describe, expect, it } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { createAuthenticator } from '../../src/gateway/identity/authenticate.js';
import { ClientRegistry } from '../../src/gateway/identity/clients.js';
import { HttpError } from '../../src/platform/http/graphql-handler.js';
import { Admission } from '../../src/gateway/admission.js';

const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
const jwks = { keys: [{ ...(await exportJWK(publicKey)), alg: 'EdDSA', kid: 'k1' }] };
const clients = new ClientRegistry([{ id: 'kr-kcs-partner', administration: 'KR-KCS', kind: 'partner', scopes: ['read'], persistedOnly: true }]);
const issuers = [
  { issuer: 'https://idp.customs.go.kr', administrations: ['KR-KCS'], keys: createLocalJWKSet(jwks) },
  { issuer: 'https://short.example', administrations: ['KR-KCS'], keys: createLocalJWKSet(jwks), maxTokenLifetimeSeconds: 600 },
];
const authenticator = createAuthenticator(issuers, clients, 'customs-gateway', { maxLifetimeSeconds: 24 * 3600, clockSkewSeconds: 60 });
const now = () => Math.floor(Date.now() / 1000);

async function token(claims: { iat?: number; exp?: number; nbf?: number }, issuer = 'https://idp.customs.go.kr') {
  const payload: JWTPayload = { adm: 'KR-KCS', scope: 'read', ...claims };
  return new SignJWT(payload)
    .setProtectedHeader({ alg: 'EdDSA', kid: 'k1' })
    .setIssuer(issuer)
    .setSubject('kr-kcs-partner')
    .setAudience('customs-gateway')
    .sign(privateKey);
}

async function refusal(jwt: string): Promise<{ status: number; code: string; reason?: string | number; message: string }> {
  try {
    await authenticator.authenticate(`Bearer ${jwt}`);
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, code: error.code, reason: error.extensions.reason, message: error.message };
  }
  throw new Error('the token was accepted');
}

describe('tokens must expire, within the issuer lifetime, inside a small clock skew', () => {
  it('accepts a token of 8 hours, and one issued 30 s in the future (skew)', async () => {
    await expect(authenticator.authenticate(`Bearer ${await token({ iat: now(), exp: now() + 8 * 3600 })}`)).resolves.toMatchObject({
      clientId: 'kr-kcs-partner',
    });
    await expect(authenticator.authenticate(`Bearer ${await token({ iat: now() + 30, exp: now() + 3600 })}`)).resolves.toMatchObject({
      clientId: 'kr-kcs-partner',
    });
  });

  it('refuses a token without exp (accepted forever before)', async () => {
    expect(await refusal(await token({ iat: now() }))).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', reason: 'TOKEN_WITHOUT_EXPIRY' });
  });

  it('refuses a ten-year token, and one over the default 24 h cap', async () => {
    expect(await refusal(await token({ iat: now(), exp: now() + 10 * 365 * 86400 }))).toMatchObject({
      code: 'UNAUTHENTICATED',
      reason: 'TOKEN_LIFETIME_TOO_LONG',
    });
    expect(await refusal(await token({ iat: now(), exp: now() + 86400 + 1 }))).toMatchObject({ reason: 'TOKEN_LIFETIME_TOO_LONG' });
  });

  it('measures the lifetime from now when iat is absent', async () => {
    expect(await refusal(await token({ exp: now() + 2 * 86400 }))).toMatchObject({ reason: 'TOKEN_LIFETIME_TOO_LONG' });
    await expect(authenticator.authenticate(`Bearer ${await token({ exp: now() + 3600 })}`)).resolves.toMatchObject({ clientId: 'kr-kcs-partner' });
  });

  it("applies an issuer's own cap", async () => {
    expect(await refusal(await token({ iat: now(), exp: now() + 3600 }, 'https://short.example'))).toMatchObject({ reason: 'TOKEN_LIFETIME_TOO_LONG' });
    await expect(authenticator.authenticate(`Bearer ${await token({ iat: now(), exp: now() + 600 }, 'https://short.example')}`)).resolves.toBeTruthy();
  });

  it('refuses iat in the future beyond the skew, nbf in the future, and an expired token', async () => {
    expect(await refusal(await token({ iat: now() + 3600, exp: now() + 7200 }))).toMatchObject({ reason: 'TOKEN_ISSUED_IN_FUTURE' });
    expect(await refusal(await token({ iat: now(), nbf: now() + 600, exp: now() + 3600 }))).toMatchObject({ reason: 'TOKEN_NOT_YET_VALID' });
    expect(await refusal(await token({ iat: now() - 7200, exp: now() - 3600 }))).toMatchObject({ reason: 'TOKEN_EXPIRED' });
  });

  it('never names keys, algorithms or library messages', async () => {
    for (const jwt of [await token({ iat: now() }), await token({ iat: now(), exp: now() + 10 * 365 * 86400 }), 'a.b.c']) {
      const { message } = await refusal(jwt);
      expect(message).not.toMatch(/jose|JWS|EdDSA|kid|claim timestamp|signature verification/i);
    }
  });
});

describe('admission: bounded execution, a short queue, refusal at once beyond', () => {
  it('admits up to the limit, queues up to the queue, refuses the next with 503 OVERLOADED and Retry-After', async () => {
    const admission = new Admission({ concurrency: 2, queue: 1, queueTimeoutMs: 0 });
    const first = await admission.enter();
    const second = await admission.enter();
    expect(admission.inFlight).toBe(2);
    let thirdAdmitted = false;
    const third = admission.enter().then((release) => {
      thirdAdmitted = true;
      return release;
    });
    expect(admission.queued).toBe(1);
    expect(admission.saturated).toBe(true);
    const refused = await admission.enter().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(HttpError);
    expect(refused).toMatchObject({ status: 503, code: 'OVERLOADED', headers: { 'retry-after': '1' } });
    expect(thirdAdmitted).toBe(false);
    first();
    first(); // releasing twice frees one slot only
    const releaseThird = await third;
    expect(thirdAdmitted).toBe(true);
    expect(admission.inFlight).toBe(2);
    expect(admission.saturated).toBe(false);
    second();
    releaseThird();
    expect(admission.inFlight).toBe(0);
  });

  it('a request admitted to a free slot starts on a later turn of the event loop, its slot taken at once', async () => {
    // Started inline, every in-process request read in one turn would run there back to back (Node accepts one
    // connection per turn), and none of the others read in that turn could be queued or refused meanwhile.
    const admission = new Admission({ concurrency: 1, queue: 1, queueTimeoutMs: 0 });
    const turns: string[] = [];
    setImmediate(() => turns.push('a turn of the event loop'));
    const entered = admission.enter().then((release) => {
      turns.push('admitted');
      return release;
    });
    expect(admission.inFlight).toBe(1);
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(turns).toEqual([]);
    const queued = admission.enter(); // the slot is taken already: the next one queues
    expect(admission.queued).toBe(1);
    const release = await entered;
    expect(turns).toEqual(['a turn of the event loop', 'admitted']);
    release();
    (await queued)();
    expect(admission.inFlight).toBe(0);
  });

  it('the next in line starts on a later turn of the event loop: I/O and timers due meanwhile run first', async () => {
    // In the embedded process a request never waits on I/O; were the slot handed over within the releasing
    // request's promise jobs, a queue would run back to back and no new request could be read (and refused) meanwhile.
    const admission = new Admission({ concurrency: 1, queue: 2, queueTimeoutMs: 0 });
    const held = await admission.enter();
    const turns: string[] = [];
    const next = admission.enter().then((release) => {
      turns.push('next admitted');
      return release;
    });
    setImmediate(() => turns.push('a turn of the event loop'));
    held();
    for (let i = 0; i < 10; i++) await Promise.resolve(); // the releasing request's remaining promise jobs
    expect(turns).toEqual([]);
    expect(admission.inFlight).toBe(1); // the slot is the next one's already: a new arrival queues behind it
    expect(admission.queued).toBe(0);
    const release = await next;
    expect(turns).toEqual(['a turn of the event loop', 'next admitted']);
    release();
    expect(admission.inFlight).toBe(0);
  });

  it('refuses at once a request that would wait longer than the queue timeout, judged from how long recent ones held their slot', async () => {
    let clock = 0;
    const admission = new Admission({ concurrency: 2, queue: 64, queueTimeoutMs: 1000 }, () => clock);
    // Before any request has ended there is no estimate: the queue takes up to its bound.
    expect(admission.expectedWaitMs).toBe(0);
    const a = await admission.enter();
    const b = await admission.enter();
    clock += 400; // each held its slot 400 ms
    a();
    b();
    expect(admission.inFlight).toBe(0);
    const held = [await admission.enter(), await admission.enter()];
    // Two slots freeing every 400 ms: the 1st and 2nd in line wait 200 and 400 ms, ... the 5th 1,000 ms, the 6th 1,200.
    const queued = [1, 2, 3, 4, 5].map(() => admission.enter());
    expect(admission.queued).toBe(5);
    expect(admission.saturated).toBe(true);
    expect(admission.expectedWaitMs).toBe(1200);
    await expect(admission.enter()).rejects.toMatchObject({ status: 503, code: 'OVERLOADED' });
    expect(admission.queued).toBe(5); // refused at once, never queued
    for (const release of held) release();
    for (const entered of queued) (await entered)();
    expect(admission.inFlight).toBe(0);
    // Cheap requests: the same queue takes up to its bound.
    const quick = new Admission({ concurrency: 1, queue: 3, queueTimeoutMs: 1000 }, () => clock);
    const first = await quick.enter();
    clock += 1;
    first();
    const holder = await quick.enter();
    const waiting = [1, 2, 3].map(() => quick.enter());
    expect(quick.queued).toBe(3);
    await expect(quick.enter()).rejects.toMatchObject({ status: 503 }); // the bound
    holder();
    for (const entered of waiting) (await entered)();
  });

  it('a queued request that waits longer than the queue timeout is refused, and leaves the queue', async () => {
    const admission = new Admission({ concurrency: 1, queue: 4, queueTimeoutMs: 1 });
    const held = await admission.enter();
    await expect(admission.enter()).rejects.toMatchObject({ status: 503, code: 'OVERLOADED' });
    expect(admission.queued).toBe(0);
    held();
    expect(admission.inFlight).toBe(0);
  });
});
