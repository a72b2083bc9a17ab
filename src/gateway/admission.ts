/**
 * Admission control: a bounded number of requests in execution per gateway process, a short
 * bounded queue, and beyond it an immediate refusal (HTTP 503 OVERLOADED with Retry-After). Overload
 * is refused fast instead of timing out, so that the requests accepted keep a bounded latency.
 *
 * The queue is short in time, not only in number: a request that would wait longer than the queue
 * timeout, judged from how long recent requests held their slot, is refused at once instead of being
 * queued to time out. Cheap requests may queue up to the bound (no client is turned away while the
 * wait is short); expensive ones are refused once the wait they would face exceeds the timeout.
 */
import { ErrorCode } from '../platform/errors.js';
import { HttpError } from '../platform/http/graphql-handler.js';

export interface AdmissionLimits {
  /** Requests in execution at once. */
  concurrency: number;
  /** Requests waiting for a slot; more are refused at once. */
  queue: number;
  /** The longest wait in the queue before a refusal; 0 waits for a slot as long as it takes. */
  queueTimeoutMs: number;
}

/** Seconds a refused client is asked to wait before trying again. */
export const OVERLOADED_RETRY_AFTER_SECONDS = 1;

export const overloaded = () =>
  new HttpError(503, 'The gateway is at capacity; retry shortly.', ErrorCode.OVERLOADED, { 'retry-after': String(OVERLOADED_RETRY_AFTER_SECONDS) });

interface Waiter {
  grant: () => void;
  timer?: NodeJS.Timeout;
}

/** Weight of the newest service time in the running mean (an exponentially weighted mean). */
const SERVICE_TIME_WEIGHT = 0.2;

export class Admission {
  private running = 0;
  private readonly waiting: Waiter[] = [];
  /** How long a request holds its slot, on recent requests (0 before the first one ends). */
  private meanServiceMs = 0;

  constructor(
    private readonly limits: AdmissionLimits,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** How long a request queued now would wait for a slot, from recent service times (0 before any request ended). */
  get expectedWaitMs(): number {
    return ((this.waiting.length + 1) * this.meanServiceMs) / this.limits.concurrency;
  }

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * True when the next request would be refused: every slot is taken, and the queue is full or the wait in it
   * would outlast the queue timeout.
   */
  get saturated(): boolean {
    if (this.running < this.limits.concurrency) return false;
    if (this.waiting.length >= this.limits.queue) return true;
    return this.limits.queueTimeoutMs > 0 && this.expectedWaitMs > this.limits.queueTimeoutMs;
  }

  /**
   * Waits for a slot and returns its release (call it exactly once), or throws the 503: at once when the
   * queue is full or the expected wait exceeds queueTimeoutMs, later when the wait in the queue outlasts it.
   *
   * A request always starts on a later turn of the event loop than the one it entered in (a free slot
   * is taken at once, the start deferred). With the subgraphs in this process a request never waits on
   * I/O: started inline, every request read in one turn would run there back to back (Node accepts one
   * new connection per turn), so that the turn lasts as long as all of them and no other request is read,
   * accepted, queued or refused meanwhile. Deferred, a turn reads every request that arrived, queues or
   * refuses each at once, and runs at most `concurrency` of them.
   */
  async enter(): Promise<() => void> {
    if (this.running < this.limits.concurrency && this.waiting.length === 0) {
      this.running++;
      await new Promise<void>((resolve) => setImmediate(resolve));
      return this.releaser();
    }
    if (this.saturated) throw overloaded();
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { grant: resolve };
      if (this.limits.queueTimeoutMs > 0) {
        waiter.timer = setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(overloaded());
        }, this.limits.queueTimeoutMs);
        waiter.timer.unref();
      }
      this.waiting.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    const startedAt = this.now();
    return () => {
      if (released) return;
      released = true;
      const serviceMs = this.now() - startedAt;
      this.meanServiceMs = this.meanServiceMs === 0 ? serviceMs : this.meanServiceMs + SERVICE_TIME_WEIGHT * (serviceMs - this.meanServiceMs);
      const next = this.waiting.shift();
      if (next) {
        // The slot passes straight to the next in line: running stays the same. It starts on a later turn of
        // the event loop, not in this one's promise jobs (see enter): handed over at once, a queue of in-process
        // requests would run back to back without the loop reading, refusing or timing out any other.
        if (next.timer) clearTimeout(next.timer);
        setImmediate(next.grant);
      } else {
        this.running--;
      }
    };
  }
}
