/**
 * Which programmes each administration recognizes under an agreement in force today, from a
 * RecognitionSource (in the running system, the registry subgraph: the owner of agreements) and cached.
 * The gateway signs this into the identity it propagates, and the operators subgraph enforces
 * need-to-know with it.
 *
 * Freshness: an agreement mutation through this gateway drops the cache when it completes
 * (`invalidate()`, called by the same plugin that empties the public registry cache,
 * src/gateway/public-cache.ts), so the next request reads the new recognitions. A change made through
 * another gateway replica (or written to the database directly) is not seen here until the TTL
 * (60 s) expires: with several replicas, that TTL remains the bound.
 */
import type { Logger } from '../platform/logger.js';
import type { RecognitionSource } from './ports.js';

export type RegistryQuery = (query: string) => Promise<{ data?: unknown; errors?: readonly unknown[] }>;

interface ProgramsPayload {
  programs: { code: string; recognizedBy: { recognizingAdministration: { code: string } }[] }[];
}

const QUERY = '{ programs { code recognizedBy { recognizingAdministration { code } } } }';

/** The recognitions as the registry subgraph computes them (agreements in force today), asked with a GraphQL query. */
export class RegistryRecognitionSource implements RecognitionSource {
  constructor(private readonly query: RegistryQuery) {}

  async recognizedPrograms(): Promise<Map<string, string[]>> {
    const result = await this.query(QUERY);
    if (result.errors?.length || !result.data) throw new Error('the registry did not answer the recognition directory query');
    const map = new Map<string, string[]>();
    for (const program of (result.data as ProgramsPayload).programs) {
      for (const r of program.recognizedBy) {
        const list = map.get(r.recognizingAdministration.code) ?? [];
        if (!list.includes(program.code)) list.push(program.code);
        map.set(r.recognizingAdministration.code, list);
      }
    }
    return map;
  }
}

export class RecognitionDirectory {
  private cache: { map: Map<string, string[]>; at: number } | null = null;
  private loading: Promise<Map<string, string[]>> | null = null;
  /** Bumped by invalidate(): a load that started before it does not become the cache. */
  private generation = 0;

  constructor(
    private readonly source: RecognitionSource,
    private readonly logger: Logger,
    private readonly ttlMs = 60_000,
  ) {}

  /**
   * Fails closed: when the registry cannot be asked and nothing is cached, the caller is treated as
   * recognizing nothing (it sees less operator data, never more) and the request still proceeds.
   */
  async programsRecognizedBy(administration: string): Promise<string[]> {
    try {
      return (await this.current()).get(administration) ?? [];
    } catch (error) {
      this.logger.warn('recognition directory unavailable; need-to-know falls back to own administration only', { error: String(error) });
      return [];
    }
  }

  /**
   * Forget the cache (after an agreement changes): the next request waits for the source's new answer
   * (and, if the source cannot answer, fails closed as when nothing was cached).
   */
  invalidate() {
    this.generation++;
    this.cache = null;
    this.loading = null;
  }

  private async current(): Promise<Map<string, string[]>> {
    const fresh = this.cache && Date.now() - this.cache.at < this.ttlMs;
    if (fresh) return this.cache!.map;
    if (!this.loading) {
      const loading = this.load().finally(() => {
        if (this.loading === loading) this.loading = null;
      });
      this.loading = loading;
    }
    if (this.cache) {
      // Serve the previous answer while refreshing; fall back to it if the registry is down.
      this.loading.catch((error) => this.logger.warn('recognition directory refresh failed', { error: String(error) }));
      return this.cache.map;
    }
    return this.loading;
  }

  private async load(): Promise<Map<string, string[]>> {
    const generation = this.generation;
    const map = await this.source.recognizedPrograms();
    if (generation === this.generation) this.cache = { map, at: Date.now() };
    return map;
  }
}
