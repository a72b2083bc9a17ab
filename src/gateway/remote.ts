/**
 * Calling a subgraph service over HTTP, resiliently: keep-alive connections (undici), a timeout per
 * call bounded by the request's overall deadline, retries for queries only (never mutations) within a
 * retry budget, and a circuit breaker per subgraph. Failures become a masked error naming the
 * subgraph (never its host or port), so the gateway answers with the data it has.
 */
import { Agent, request as httpRequest } from 'undici';
import { GraphQLError } from 'graphql';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLRequest, GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { defaults } from '../config.js';
import { VIEWER_HEADER } from '../platform/internal-token.js';
import { ErrorCode } from '../platform/errors.js';
import type { Logger } from '../platform/logger.js';
import type { GatewayContext } from './context.js';
import { forGateway, type SubgraphSource } from './datasources.js';
import { distinctRepresentations } from './distinct-representations.js';
import { IDEMPOTENCY_HEADER } from '../platform/http/headers.js';

export interface ResilienceOptions {
  /** Per-call timeout (default 3 s). */
  timeoutMs: number;
  /** Extra attempts for a failed query (mutations are never retried). */
  retries: number;
  /** Retries allowed as a fraction of recent calls (a retry budget against retry storms). */
  retryBudgetRatio: number;
  /** Consecutive failures that open the circuit. */
  breakerThreshold: number;
  /** How long the circuit stays open before one trial call (half-open). */
  breakerCooldownMs: number;
}

export const defaultResilience: ResilienceOptions = { ...defaults.resilience };

type BreakerState = 'closed' | 'open' | 'half-open';

export class CircuitBreaker {
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  state: BreakerState = 'closed';

  constructor(
    private readonly threshold: number,
    private readonly cooldownMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a call may go out now. */
  allow(): boolean {
    if (this.state === 'closed') return true;
    if (this.state === 'open' && this.now() - this.openedAt >= this.cooldownMs) this.state = 'half-open';
    if (this.state === 'half-open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  success() {
    this.failures = 0;
    this.trialInFlight = false;
    this.state = 'closed';
  }

  failure() {
    this.trialInFlight = false;
    this.failures++;
    if (this.state === 'half-open' || this.failures >= this.threshold) {
      this.state = 'open';
      this.openedAt = this.now();
    }
  }
}

/** Allows retries up to a ratio of the calls made in the last window. */
export class RetryBudget {
  private calls = 0;
  private retries = 0;
  private windowStart = Date.now();
  constructor(
    private readonly ratio: number,
    private readonly windowMs = 10_000,
    private readonly minimum = 3,
  ) {}
  recordCall() {
    this.roll();
    this.calls++;
  }
  tryRetry(): boolean {
    this.roll();
    if (this.retries >= Math.max(this.minimum, this.calls * this.ratio)) return false;
    this.retries++;
    return true;
  }
  private roll() {
    if (Date.now() - this.windowStart > this.windowMs) {
      this.calls = 0;
      this.retries = 0;
      this.windowStart = Date.now();
    }
  }
}

class SubgraphCallError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** The subgraph's answer, from its status and body: a GraphQL response, or the failure to report (retryable or not). */
function parseAnswer(statusCode: number, text: string): GatewayGraphQLResponse {
  if (statusCode === 401) throw new SubgraphCallError('refused the gateway credential (check INTERNAL_SECRET)', false);
  if (statusCode >= 500 && statusCode !== 500) throw new SubgraphCallError(`HTTP ${statusCode}`, true);
  try {
    const parsed = JSON.parse(text) as GatewayGraphQLResponse;
    if (!parsed || (parsed.data === undefined && !parsed.errors)) throw new Error('not a GraphQL response');
    return parsed;
  } catch {
    throw new SubgraphCallError(`HTTP ${statusCode} without a GraphQL response`, statusCode >= 500);
  }
}

const isMutation = (query: string | undefined) => /^\s*mutation\b/.test(query ?? '');

export class RemoteSubgraphSource implements SubgraphSource {
  readonly breaker: CircuitBreaker;
  private readonly budget: RetryBudget;
  private readonly agent: Agent;
  private readonly endpoint: URL;

  constructor(
    readonly name: string,
    url: string,
    private readonly options: ResilienceOptions,
    private readonly logger: Logger,
  ) {
    this.endpoint = new URL(url);
    this.breaker = new CircuitBreaker(options.breakerThreshold, options.breakerCooldownMs);
    this.budget = new RetryBudget(options.retryBudgetRatio);
    this.agent = new Agent({ keepAliveTimeout: 30_000, connections: 128, pipelining: 1 });
  }

  process({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const ctx = context as Partial<GatewayContext>;
    const fetch = distinctRepresentations(request);
    return this.call(fetch.request, ctx.internalToken ?? '', ctx.idempotencyKey, ctx.deadline).then((response) => forGateway(fetch.expand(response)));
  }

  async call(request: GatewayGraphQLRequest, internalToken: string, idempotencyKey?: string, deadline?: number): Promise<GatewayGraphQLResponse> {
    const body = JSON.stringify({
      query: request.query,
      ...(request.variables ? { variables: request.variables } : {}),
      ...(request.operationName ? { operationName: request.operationName } : {}),
    });
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (internalToken) headers[VIEWER_HEADER] = internalToken;
    if (idempotencyKey) headers[IDEMPOTENCY_HEADER] = idempotencyKey;
    const retryable = !isMutation(request.query);

    for (let attempt = 0; ; attempt++) {
      if (!this.breaker.allow()) throw this.unavailable('is unavailable (circuit open)');
      const remaining = deadline ? deadline - Date.now() : this.options.timeoutMs;
      if (remaining <= 0) throw this.unavailable('did not answer before the request deadline');
      this.budget.recordCall();
      try {
        const result = await this.send(body, headers, Math.min(this.options.timeoutMs, remaining));
        this.breaker.success();
        return result;
      } catch (error) {
        const failure = error instanceof SubgraphCallError ? error : new SubgraphCallError(String(error), true);
        this.breaker.failure();
        this.logger.warn('subgraph call failed', { subgraph: this.name, attempt, error: failure.message });
        if (retryable && failure.retryable && attempt < this.options.retries && this.budget.tryRetry()) {
          await new Promise((r) => setTimeout(r, 25 * (attempt + 1)));
          continue;
        }
        throw this.unavailable(failure.message.startsWith('timeout') ? 'did not answer in time' : 'is unavailable');
      }
    }
  }

  /**
   * One POST to the subgraph through the agent's dispatcher, the answer collected chunk by chunk (undici's handler
   * interface): no body stream, no async iteration and no AbortSignal per call, which `undici.request` with
   * `response.body.text()` and `AbortSignal.timeout` cost (about 50 µs of the gateway's CPU per call on a small answer,
   * four calls per headline request; docs/performance.md). One timer bounds the whole call; undici's own header and
   * body timeouts stay as a second bound.
   */
  private send(body: string, headers: Record<string, string>, timeoutMs: number): Promise<GatewayGraphQLResponse> {
    return new Promise((resolve, reject) => {
      let controller: { abort(reason: Error): void } | undefined;
      let settled = false;
      let statusCode = 0;
      const chunks: Buffer[] = [];
      const timeout = () => new SubgraphCallError(`timeout after ${timeoutMs} ms`, true);
      /** The call's one outcome: the first of the answer, a failure and the timer. */
      const settle = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        outcome();
      };
      const timer = setTimeout(() => {
        // A call still queued for a connection is given up at once too (and aborted when it starts).
        settle(() => reject(timeout()));
        controller?.abort(timeout());
      }, timeoutMs);
      const fail = (error: Error) =>
        settle(() => {
          if (error instanceof SubgraphCallError) return reject(error);
          const name = error.name;
          reject(
            new SubgraphCallError(
              name === 'TimeoutError' || name === 'AbortError' || /Timeout/.test(name)
                ? `timeout after ${timeoutMs} ms`
                : statusCode
                  ? `response interrupted: ${error.message}`
                  : `connection failed: ${error.message}`,
              true,
            ),
          );
        });
      try {
        this.agent.dispatch(
          {
            origin: this.endpoint.origin,
            path: this.endpoint.pathname + this.endpoint.search,
            method: 'POST',
            headers,
            body,
            headersTimeout: timeoutMs,
            bodyTimeout: timeoutMs,
          },
          {
            onRequestStart(started) {
              controller = started;
              if (settled) started.abort(timeout()); // the timer went off while it waited for a connection
            },
            onResponseStart(_controller, status) {
              statusCode = status;
            },
            onResponseData(_controller, chunk) {
              chunks.push(chunk);
            },
            onResponseEnd() {
              let answer: GatewayGraphQLResponse;
              try {
                answer = parseAnswer(statusCode, chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8'));
              } catch (error) {
                return fail(error as SubgraphCallError);
              }
              settle(() => resolve(answer));
            },
            onResponseError(_controller, error) {
              fail(error);
            },
          },
        );
      } catch (error) {
        fail(error as Error);
      }
    });
  }

  private unavailable(what: string): GraphQLError {
    return new GraphQLError(`The ${this.name} service ${what}.`, { extensions: { code: ErrorCode.SUBGRAPH_UNAVAILABLE, subgraph: this.name } });
  }

  /** The subgraph's readiness endpoint answers 200. */
  async ready(): Promise<void> {
    const res = await httpRequest(new URL('/ready', this.endpoint), {
      method: 'GET',
      dispatcher: this.agent,
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`${this.name} is not ready`);
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
