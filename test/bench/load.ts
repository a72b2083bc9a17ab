/**
 * The load generator, in its own process (test/bench/run.ts forks it): autocannon on loopback, one
 * run per `{ type: 'run' }` message, each request's body picked at random from the bodies given
 * (a different shipment reference, page or date per request). Bounded by duration.
 */
import autocannon from 'autocannon';

export interface LoadRequest {
  type: 'run';
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
}

export interface LoadResult {
  type: 'result';
  requests: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** 2xx answers without data, or with an error other than a need-to-know refusal. */
  badBodies: number;
  /** The first such answer (or non-2xx status), for the log. */
  firstBad?: string;
}

/** Data, and no error other than a need-to-know refusal (FORBIDDEN on a field the caller may not see). */
function acceptable(body: string): boolean {
  if (!body.includes('"errors"')) return body.includes('"data":{');
  try {
    const parsed = JSON.parse(body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
    return !!parsed.data && (parsed.errors ?? []).every((e) => e.extensions?.code === 'FORBIDDEN');
  } catch {
    return false;
  }
}

function run(message: LoadRequest): Promise<LoadResult> {
  let badBodies = 0;
  let firstBad: string | undefined;
  const { bodies } = message;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: message.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...message.headers },
        connections: message.connections,
        pipelining: 1,
        duration: message.seconds,
        timeout: 10,
        requests: [
          {
            setupRequest: (req) => ({ ...req, body: bodies[Math.floor(Math.random() * bodies.length)] }),
            onResponse: (status, body) => {
              if (status === 200 && !acceptable(body)) badBodies++;
              if ((status !== 200 || !acceptable(body)) && firstBad === undefined) firstBad = `HTTP ${status}: ${body.slice(0, 300)}`;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const seconds = result.duration;
        resolve({
          type: 'result',
          requests: result.requests.total,
          seconds,
          rps: result.requests.total / seconds,
          p50Ms: result.latency.p50,
          p99Ms: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors,
          timeouts: result.timeouts,
          badBodies,
          firstBad,
        });
      },
    );
  });
}

process.on('message', (message: LoadRequest) => {
  if (message.type !== 'run') return;
  run(message).then(
    (result) => process.send!(result),
    (error: unknown) => process.send!({ type: 'error', message: String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send!({ type: 'ready' });
