/**
 * Records every operation by a partner or front-end client (time, client, administration, document
 * or operation name, outcome). Entries are buffered and written in batches, off the request path.
 */
import type { AuditRecord, AuditSink } from './ports.js';
import type { Logger } from '../platform/logger.js';

export class AuditLog {
  private buffer: AuditRecord[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly sink: AuditSink,
    private readonly logger: Logger,
    private readonly flushMs = 200,
  ) {}

  record(entry: AuditRecord) {
    this.buffer.push(entry);
    if (this.buffer.length >= 200) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.flushMs);
  }

  /** Writes what is buffered; resolves when everything recorded so far is in the database. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.buffer;
    this.buffer = [];
    this.writing = this.writing.then(async () => {
      if (!batch.length) return;
      try {
        await this.sink.append(batch);
      } catch (error) {
        this.logger.error('audit entries could not be written', { count: batch.length, error: String(error) });
      }
    });
    return this.writing;
  }
}
