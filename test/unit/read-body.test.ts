/** Reading a request's body (src/platform/http/graphql-handler.ts readBody): whole, bounded, and never waiting for a request that is gone. */
import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpError, readBody } from '../../src/platform/http/graphql-handler.js';

/** A request as node:http hands it over, with `chunks` as its body (then its end, unless `end` is false). */
function request(chunks: string[], headers: Record<string, string> = {}, end = true): IncomingMessage {
  const req = new IncomingMessage(new Socket());
  req.headers = headers;
  for (const chunk of chunks) req.push(Buffer.from(chunk));
  if (end) req.push(null);
  return req;
}

/** The promise's outcome, or 'pending' if it has not settled within `ms`. */
const within = (promise: Promise<unknown>, ms = 200) =>
  Promise.race([
    promise.then(
      (v) => ({ value: v }),
      (e: unknown) => ({ error: e }),
    ),
    new Promise((r) => setTimeout(() => r('pending'), ms)),
  ]);

describe('readBody', () => {
  it('reads the whole body, in one chunk or many (multi-byte characters across chunks too)', async () => {
    expect(await readBody(request(['{"query":"{ a }"}']), 1000)).toBe('{"query":"{ a }"}');
    const text = 'é'.repeat(10);
    const bytes = Buffer.from(text);
    const req = new IncomingMessage(new Socket());
    req.push(bytes.subarray(0, 5));
    req.push(bytes.subarray(5));
    req.push(null);
    expect(await readBody(req, 1000)).toBe(text);
    expect(await readBody(request([]), 1000)).toBe('');
  });

  it('refuses a body over the limit: at once when Content-Length says so, else when the bytes read pass it', async () => {
    await expect(readBody(request(['x'], { 'content-length': '2000' }), 1000)).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    const long = request(['x'.repeat(600), 'x'.repeat(600)], {}, false);
    const outcome = (await within(readBody(long, 1000))) as { error?: HttpError };
    expect(outcome.error).toBeInstanceOf(HttpError);
    expect(outcome.error?.status).toBe(413);
    expect(long.destroyed).toBe(true);
  });

  it('fails, never waits, when the request is gone before or while its body is read', async () => {
    const gone = request(['{"query"'], {}, false);
    gone.destroy();
    await new Promise((r) => gone.once('close', r)); // gone for good: its events are past before the body is asked for
    expect(await within(readBody(gone, 1000))).toEqual({ error: new Error('aborted') });
    const cut = request(['{"query"'], {}, false);
    const reading = readBody(cut, 1000);
    setTimeout(() => cut.destroy(), 10);
    expect(await within(reading)).toEqual({ error: new Error('aborted') });
  });
});
