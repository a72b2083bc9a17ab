/**
 * The load generator, in its own process (test/bench/run.ts forks it): autocannon on loopback, one
 * run per `{ type: 'run' }` message, each request's body picked at random from the bodies given
 * (a different shipment reference, page or date per request). Bounded by duration.
 *
 * Answers are sorted three ways: accepted (HTTP 200 with data and no error but need-to-know refusals),
 * refused by admission control (HTTP 503 OVERLOADED: the gateway said "retry shortly" at once, as designed),
 * and failures (anything else: other statuses, bad bodies, connection errors, timeouts). rps and the
 * latency percentiles are those of the accepted answers, timed here from the request's setup to its answer.
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
  /** Accepted answers per second. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** HTTP 503 OVERLOADED answers (admission control), not failures. */
  refused: number;
  /** Other non-2xx answers. */
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

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

function run(message: LoadRequest): Promise<LoadResult> {
  let badBodies = 0;
  let refused = 0;
  let otherNon2xx = 0;
  let firstBad: string | undefined;
  const accepted: number[] = [];
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
            setupRequest: (req, context: { sentAt?: number }) => {
              context.sentAt = performance.now();
              return { ...req, body: bodies[Math.floor(Math.random() * bodies.length)] };
            },
            onResponse: (status, body, context: { sentAt?: number }) => {
              if (status === 503 && body.includes('"OVERLOADED"')) {
                refused++;
                return;
              }
              const ok = status === 200 && acceptable(body);
              if (ok) accepted.push(performance.now() - (context.sentAt ?? performance.now()));
              else if (status === 200) badBodies++;
              else if (status < 200 || status > 299) otherNon2xx++;
              if (!ok && firstBad === undefined) firstBad = `HTTP ${status}: ${body.slice(0, 300)}`;
            },
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error instanceof Error ? error : new Error(String(error)));
        const seconds = result.duration;
        accepted.sort((a, b) => a - b);
        resolve({
          type: 'result',
          requests: accepted.length,
          seconds,
          rps: accepted.length / seconds,
          p50Ms: Math.round(percentile(accepted, 50)),
          p99Ms: Math.round(percentile(accepted, 99)),
          refused,
          non2xx: otherNon2xx,
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
